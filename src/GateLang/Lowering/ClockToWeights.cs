using GateLang.Ir;
using GateLang.Model;
using GateLang.Tasks;

namespace GateLang.Lowering;

/// <summary>
/// Lowers a clock block of S + 1 neurons c_0 … c_S: one high neuron moves from c_{S−1} towards
/// c_0 while symbols arrive, the clock is silent through the delay, and the delimiter restarts it
/// at c_S for the decoding steps.
/// </summary>
/// <remarks>
/// H22: W_hn[c_j, c_{j+1}] = α, so c_j follows c_{j+1}. F2: b_hn = −β returns a neuron to low
/// once its feeder is low, and b_hz = −β makes the clock follow its candidate within a step.
/// λ21: a symbol keeps c_{S−1} and c_S low. λ22: blanks hold c_S low and the delimiter sets it
/// high. The reset gate has no weights, so r = 1/2 halves H22 and F2 alike. A clock with
/// <c>run = encode</c> holds c_S low on the delimiter too, so it does not restart; one with
/// <c>run = decode</c> starts with no high neuron (its default initial state), so it is
/// silent until the delimiter.
/// </remarks>
internal static class ClockToWeights
{
    public static void Lower(GruWeights weights, NetworkDefinition network, BlockDefinition clock)
    {
        var task = network.Task;
        var s = task.Length;
        var alpha = clock.Alpha;
        var beta = clock.Beta;
        var update = weights.GateOffset(Gate.Update);
        var candidate = weights.GateOffset(Gate.Candidate);
        int Clk(int j) => clock.Offset + j;

        for (var j = 0; j < s; j++)
        {
            weights.WeightHh[candidate + Clk(j), Clk(j + 1)] = alpha;
        }

        for (var j = 0; j <= s; j++)
        {
            weights.BiasHh[candidate + Clk(j)] = -beta;
            weights.BiasHh[update + Clk(j)] = -beta;
        }

        foreach (var row in new[] { Clk(s - 1), Clk(s) })
        {
            for (var symbol = 0; symbol < task.Symbols; symbol++)
            {
                weights.WeightIh[candidate + row, symbol] = -alpha;
            }
        }

        weights.WeightIh[candidate + Clk(s), VdcmLayout.BlankInput(task.Symbols)] = -alpha;
        weights.WeightIh[candidate + Clk(s), VdcmLayout.DelimiterInput(task.Symbols)] = clock.Run == ClockRun.Encode ? -alpha : alpha;
    }
}
