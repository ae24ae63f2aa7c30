namespace GateLang.Ir;

/// <summary>The setting keys whose values are signals, as stored in <see cref="BlockDefinition.Signals"/>.</summary>
public static class SignalKeys
{
    /// <summary>Switch: the condition the neuron follows.</summary>
    public const string On = "on";

    /// <summary>Latch: sets the neuron high.</summary>
    public const string Set = "set";

    /// <summary>Latch: sets the neuron low.</summary>
    public const string Reset = "reset";

    /// <summary>Toggle: flips the neuron's sign.</summary>
    public const string Flip = "flip";

    /// <summary>Shift register: moves every slot one place towards slot 0.</summary>
    public const string Shift = "shift";

    /// <summary>Shift register: zeroes every data bit.</summary>
    public const string Clear = "clear";
}
