namespace TradeBot.Core.Tests.Stores;

/// <summary>
/// On a test class: its <see cref="ContractFactAttribute"/> tests exist only when the variable is set (e.g. a live
/// server's URL). Without it they are not discovered at all, rather than reported as skipped.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresEnvironmentVariableAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
