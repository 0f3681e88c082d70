namespace EdgeAgent.Exceptions;

/// <summary>The body of <c>POST /api/exceptions/{id}/acknowledge</c> and <c>/resolve</c>; <c>code</c> is for resolve only.</summary>
/// <param name="Actor">Who acts; from the body until the supervisor login provides it.</param>
public sealed record ExceptionAction(string? Code = null, string? Note = null);
