namespace GateLang.Simulation;

/// <summary>How <see cref="BatchGruSimulator{T}"/> evaluates the sigmoid and tanh of the GRU step.</summary>
public enum NonlinearityMode
{
    /// <summary>
    /// One call per value to the same <see cref="Math"/> or <see cref="MathF"/> functions as
    /// <see cref="GruSimulator{T}"/>, so every state and logit is bit-for-bit the reference value.
    /// </summary>
    Reference,

    /// <summary>
    /// SIMD approximations of exp and tanh, many times faster than one libm call per value. States
    /// and logits differ from the reference by rounding-level amounts (a few units in the last place
    /// per step), which the recurrence can carry over the steps of a trial.
    /// </summary>
    Vectorized,
}
