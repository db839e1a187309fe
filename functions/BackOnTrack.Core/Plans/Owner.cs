namespace BackOnTrack.Core.Plans;

/// <summary>One row of the owners file: who holds a role the plan names (the Owners table's Role, Upn, ObjectId).</summary>
/// <param name="Role">The role as the owners file writes it, spaces tidied.</param>
/// <param name="Upn">The holder's user principal name (their sign-in email), as written.</param>
/// <param name="ObjectId">The holder's Entra object id; null when the file leaves it out (Graph also finds a user by UPN).</param>
public sealed record Owner(string Role, string Upn, Guid? ObjectId);
