namespace GateLang.Simulation;

/// <summary>The floating-point type a network is simulated in.</summary>
public enum Precision
{
    Float32,
    Float64,
}
