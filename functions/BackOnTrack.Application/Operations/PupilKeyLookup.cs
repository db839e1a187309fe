using BackOnTrack.Core.Identifiers;
using BackOnTrack.Application.Configuration;
using Microsoft.Extensions.Options;

namespace BackOnTrack.Application.Operations;

/// <summary>
/// <c>pupil key</c>: the pupilKey a UPN has under the configured key chain, for the SEMH team working with a named
/// child. Nothing is stored or logged; the UPN stays in memory only for the hashing.
/// </summary>
public sealed class PupilKeyLookup(IOptions<HubOptions> options)
{
    public PupilKey KeyFor(Upn upn)
    {
        using var pseudonymiser = new Pseudonymiser(options.Value.PseudonymisationKeyChain());
        return pseudonymiser.KeyFor(upn);
    }
}
