using BackOnTrack.Core.Plans;

namespace BackOnTrack.UnitTests.Core.Plans;

public class TargetDateParsing
{
    private static (string? Due, string? Milestones, string? Note) Read(string? text)
    {
        var target = TargetDates.Parse(text);
        return (ActionValues.Date(target.DueDate), ActionValues.Milestones(target.Milestones), target.Note);
    }

    // Every target text of the seed's action plan: a month means its last day.
    [Theory]
    [InlineData("October 2018", "2018-10-31")]
    [InlineData("November 2018 ", "2018-11-30")]
    [InlineData("April 2019", "2019-04-30")]
    [InlineData("May 2019", "2019-05-31")]
    [InlineData("June 2019", "2019-06-30")]
    [InlineData("July 2019", "2019-07-31")]
    [InlineData("September 2019", "2019-09-30")]
    [InlineData("October 2019", "2019-10-31")]
    [InlineData("November 2019", "2019-11-30")]
    [InlineData("December 2019", "2019-12-31")]
    [InlineData("January 2020", "2020-01-31")]
    [InlineData("April 2020", "2020-04-30")]
    [InlineData("July 2020", "2020-07-31")]
    [InlineData("September 2020", "2020-09-30")]
    public void A_month_is_due_on_its_last_day(string text, string due)
    {
        Assert.Equal((due, null, null), Read(text));
    }

    [Fact]
    public void A_phased_range_is_due_at_its_end_with_its_start_as_a_milestone()
    {
        Assert.Equal(("2021-09-30", "2019-09-30", null), Read("Phased approach September 2019 – September 2021"));
    }

    [Fact]
    public void A_list_is_due_at_its_first_date_with_the_rest_as_milestones()
    {
        Assert.Equal(("2019-11-30", "2020-07-31", null), Read("November 2019\n& refreshed July 2020"));
    }

    [Theory]
    [InlineData("September 2019 - September 2021")]
    [InlineData("September 2019 — September 2021")]
    [InlineData("September 2019 to September 2021")]
    [InlineData("from September 2019 until September 2021")]
    [InlineData("September 2019 up to September 2021")]
    [InlineData("Sept 2019 – Sep 2021")]
    [InlineData("Sep-19 – Sep-21")]
    public void A_range_may_be_joined_by_any_dash_or_word_and_months_may_be_abbreviated(string text)
    {
        Assert.Equal(("2021-09-30", "2019-09-30", null), Read(text));
    }

    [Theory]
    [InlineData("November 2019, July 2020 and March 2021", "2019-11-30", "2020-07-31,2021-03-31")]
    [InlineData("July 2020 and November 2019", "2020-07-31", "2019-11-30")]
    [InlineData("December 2019 (interim report) & refreshed annually from December 2020", "2019-12-31", "2020-12-31")]
    public void Later_dates_of_a_list_are_milestones_in_date_order_whatever_order_they_are_written(string text, string due, string milestones)
    {
        Assert.Equal((due, milestones, null), Read(text));
    }

    [Fact]
    public void A_range_that_opens_a_list_is_due_at_its_end()
    {
        Assert.Equal(("2020-07-31", "2019-09-30,2021-07-31", null), Read("September 2019 – July 2020, reviewed July 2021"));
    }

    [Theory]
    [InlineData("September – December 2019", "2019-12-31", "2019-09-30")]
    [InlineData("November - February 2020", "2020-02-29", "2019-11-30")]
    [InlineData("November & December 2019", "2019-11-30", "2019-12-31")]
    public void A_month_without_a_year_takes_the_year_of_the_date_it_is_joined_to(string text, string due, string milestones)
    {
        Assert.Equal((due, milestones, null), Read(text));
    }

    [Theory]
    [InlineData("31/10/2019", "2019-10-31")]
    [InlineData("2019-10-31", "2019-10-31")]
    [InlineData("31 October 2019", "2019-10-31")]
    [InlineData("31st October 2019", "2019-10-31")]
    [InlineData("By 1 Oct 2019", "2019-10-01")]
    [InlineData("43769", "2019-10-31")]
    [InlineData("10/2019", "2019-10-31")]
    [InlineData("Jul-20", "2020-07-31")]
    [InlineData("Oct '19", "2019-10-31")]
    public void Days_serial_numbers_and_numeric_months_are_read_too(string text, string due)
    {
        Assert.Equal((due, null, null), Read(text));
    }

    [Theory]
    [InlineData("Autumn 2019", "2019-12-31")]
    [InlineData("Autumn term 2019", "2019-12-31")]
    [InlineData("Spring 2020", "2020-04-12")] // Easter Sunday 2020 ends the census spring term
    [InlineData("Summer term 2020", "2020-07-31")]
    public void A_term_is_due_on_the_last_day_of_its_census_term(string text, string due)
    {
        Assert.Equal((due, null, null), Read(text));
    }

    [Theory]
    [InlineData("2019/20", "2020-07-31", null)]
    [InlineData("Academic year 2019-2020", "2020-07-31", null)]
    [InlineData("1999/00", "2000-07-31", null)]
    [InlineData("By the end of 2020", "2020-12-31", null)]
    [InlineData("2019 - 2021", "2021-12-31", "2019-12-31")]
    [InlineData("2019-2021", "2021-12-31", "2019-12-31")]
    public void Academic_years_end_on_31_July_and_calendar_years_on_31_December(string text, string due, string? milestones)
    {
        Assert.Equal((due, milestones, null), Read(text));
    }

    [Theory]
    [InlineData("Ongoing")]
    [InlineData("Termly")]
    [InlineData("TBC")]
    [InlineData("July")] // a month with no year to borrow
    [InlineData("This may slip")] // "may" the word, not the month
    [InlineData("31/02/2020")] // no such day, and not read as anything else
    public void Text_that_names_no_date_gives_no_due_date_and_says_so(string text)
    {
        var target = TargetDates.Parse(text);

        Assert.Null(target.DueDate);
        Assert.Empty(target.Milestones);
        Assert.Equal($"The target '{text}' names no date, so the action has no due date.", target.Note);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n ")]
    public void An_empty_target_gives_no_due_date_and_says_there_is_none(string? text)
    {
        Assert.Equal((null, null, "There is no target date, so the action has no due date."), Read(text));
    }

    [Fact]
    public void A_month_named_in_passing_is_not_taken_for_a_date()
    {
        Assert.Equal(("2020-07-31", null, null), Read("Report may slip to July 2020"));
    }

    [Fact]
    public void A_range_written_backwards_is_still_due_at_its_end_and_the_note_says_so()
    {
        Assert.Equal(
            ("2019-09-30", "2021-09-30", "The range in the target 'September 2021 – September 2019' ends before it starts; its end is taken as the due date."),
            Read("September 2021 – September 2019"));
    }
}
