namespace Campaign.ServiceDefaults.Messaging;

/// <summary>
/// A message that can never be applied, however often it is tried — it names a campaign this
/// platform does not run, or its payload cannot be valid. It goes straight to the queue's
/// <c>_error</c> queue with this reason; every other failure is taken for transient and retried.
/// </summary>
public sealed class PoisonMessageException(string reason) : Exception(reason);
