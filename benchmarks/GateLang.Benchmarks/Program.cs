using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using GateLang.Benchmarks;
using GateLang.Compilation;
using GateLang.Model;
using GateLang.Semantics;
using GateLang.Simulation;
using GateLang.Tasks;
using GateLang.Torch;
using GateLang.Verification;
using TorchSharp;

// Times GateLang's batched GRU simulator against TorchSharp's nn.GRU plus the readout Linear on
// the same float32 weights and one-hot inputs, in one process: 1000 trials of 140 steps
// (K = 2, S = 10, delay 120) for dense random networks of hidden size 22, 92 and 250 and for
// the compiled network of examples/vdcm-binary-s10.gate. Each contender is warmed up, then the
// contenders run in turn for every repeat so that a slow spell of the machine hits all of them.
var inv = CultureInfo.InvariantCulture;
var settings = BenchmarkSettings.Parse(args);

TorchRuntime.EnsureLoaded();
torch.set_num_threads(settings.Threads);

var root = FindRepositoryRoot();
var specPath = Path.Combine(root, "examples", "vdcm-binary-s10.gate");
var spec = SpecCompiler.Check(specPath);
if (spec.HasErrors)
{
    throw new InvalidOperationException($"{specPath} has errors: {string.Join("; ", spec.Diagnostics)}");
}

var compiled = NetworkCompiler.Compile(spec.Networks.Single());
var task = compiled.Task;
var trials = new TrialGenerator(task, seed: 1, delayMin: 120, delayMax: 120).Take(settings.Trials).ToArray();
var steps = VdcmLayout.TrialLength(trials[0]);
var inputs = new int[trials.Length * steps];
for (var i = 0; i < trials.Length; i++)
{
    VdcmLayout.Fill(trials[i], task.Symbols, inputs.AsSpan(i * steps, steps), new int[steps]);
}

Console.WriteLine(string.Create(inv, $"GateLang batched GRU simulator vs TorchSharp nn.GRU + Linear, float32, forward only"));
Console.WriteLine(string.Create(inv, $"machine: {Environment.ProcessorCount} logical processors, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}, Vector512 accelerated: {Vector512.IsHardwareAccelerated}"));
Console.WriteLine(string.Create(inv, $"threads: GateLang {settings.Threads}, torch.get_num_threads() = {torch.get_num_threads()}, torch.get_num_interop_threads() = {torch.get_num_interop_threads()}"));
Console.WriteLine(string.Create(inv, $"work: {settings.Trials} trials x {steps} steps (K = {task.Symbols}, S = {task.Length}, delay 120), inputs {task.InputSize}, classes {task.OutputSize}"));
Console.WriteLine($"load average at start (1, 5, 15 min): {LoadAverage()}");
Console.WriteLine(string.Create(inv, $"timing: {settings.Warmups} warm-up runs, then {settings.Repeats} repeats of each contender in turn; best and median wall-clock time"));
Console.WriteLine();

var cases = new List<(string Name, GruWeights Weights)>
{
    ("compiled K=2 S=10", compiled.Weights),
    ("dense random", DenseRandom(task.InputSize, 22, task.OutputSize, seed: 22)),
    ("dense random", DenseRandom(task.InputSize, 92, task.OutputSize, seed: 92)),
    ("dense random", DenseRandom(task.InputSize, 250, task.OutputSize, seed: 250)),
};

Console.WriteLine("| network | d | W_hh non-zeros | TorchSharp ms | GateLang reference ms | ratio | GateLang vectorized ms | ratio | GFLOP/s torch / ref / vec | max abs logit diff ref / vec vs torch |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
var medians = new List<string>();
foreach (var (name, weights) in cases)
{
    var reference = new BatchGruSimulator<float>(weights, NonlinearityMode.Reference);
    var vectorized = new BatchGruSimulator<float>(weights, NonlinearityMode.Vectorized);
    var referenceLogits = new float[trials.Length * steps * weights.OutputSize];
    var vectorizedLogits = new float[referenceLogits.Length];
    using var torchRunner = new TorchGruRunner(weights, inputs, trials.Length, steps);

    var torchLogits = torchRunner.Forward(returnLogits: true)!;
    reference.Forward(inputs, trials.Length, steps, referenceLogits, settings.Threads);
    vectorized.Forward(inputs, trials.Length, steps, vectorizedLogits, settings.Threads);
    var referenceDifference = MaxAbsoluteDifference(torchLogits, referenceLogits);
    var vectorizedDifference = MaxAbsoluteDifference(torchLogits, vectorizedLogits);

    var torchTimes = new Timings();
    var referenceTimes = new Timings();
    var vectorizedTimes = new Timings();
    for (var run = 0; run < settings.Warmups; run++)
    {
        torchRunner.Forward(returnLogits: false);
        reference.Forward(inputs, trials.Length, steps, referenceLogits, settings.Threads);
        vectorized.Forward(inputs, trials.Length, steps, vectorizedLogits, settings.Threads);
    }

    for (var run = 0; run < settings.Repeats; run++)
    {
        torchTimes.Measure(() => torchRunner.Forward(returnLogits: false));
        referenceTimes.Measure(() => reference.Forward(inputs, trials.Length, steps, referenceLogits, settings.Threads));
        vectorizedTimes.Measure(() => vectorized.Forward(inputs, trials.Length, steps, vectorizedLogits, settings.Threads));
    }

    // Dense-equivalent work: the three gate products, the input product as a dense product, and the readout.
    var d = (double)weights.HiddenSize;
    var flops = ((2 * 3 * d * d) + (2 * 3 * d * weights.InputSize) + (2 * weights.OutputSize * d)) * trials.Length * steps;
    double Rate(double milliseconds) => flops / (milliseconds * 1e6);

    Console.WriteLine(string.Create(inv, $"| {name} | {weights.HiddenSize} | {reference.RecurrentNonZeros} ({reference.RecurrentProduct.ToString().ToLowerInvariant()}) | {torchTimes.Best:F1} | {referenceTimes.Best:F1} | {torchTimes.Best / referenceTimes.Best:F2}x | {vectorizedTimes.Best:F1} | {torchTimes.Best / vectorizedTimes.Best:F2}x | {Rate(torchTimes.Best):F1} / {Rate(referenceTimes.Best):F1} / {Rate(vectorizedTimes.Best):F1} | {referenceDifference:G2} / {vectorizedDifference:G2} |"));
    medians.Add(string.Create(inv, $"| {name} | {weights.HiddenSize} | {torchTimes.Median:F1} | {referenceTimes.Median:F1} | {torchTimes.Median / referenceTimes.Median:F2}x | {vectorizedTimes.Median:F1} | {torchTimes.Median / vectorizedTimes.Median:F2}x |"));
}

Console.WriteLine();
Console.WriteLine("Medians:");
Console.WriteLine();
Console.WriteLine("| network | d | TorchSharp ms | GateLang reference ms | ratio | GateLang vectorized ms | ratio |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var line in medians)
{
    Console.WriteLine(line);
}

// Exhaustive verification of the compiled network, as `gatelang verify` runs it.
Console.WriteLine();
var verifyOptions = new VerificationOptions { Threads = settings.Threads };
var verifyTimes = new Dictionary<Precision, Timings> { [Precision.Float32] = new(), [Precision.Float64] = new() };
VerificationResult? last32 = null;
VerificationResult? last64 = null;
for (var run = 0; run < settings.Warmups; run++)
{
    NetworkVerifier.Verify(compiled.Weights, task, verifyOptions, Precision.Float32);
    NetworkVerifier.Verify(compiled.Weights, task, verifyOptions, Precision.Float64);
}

for (var run = 0; run < settings.Repeats; run++)
{
    verifyTimes[Precision.Float32].Measure(() => last32 = NetworkVerifier.Verify(compiled.Weights, task, verifyOptions, Precision.Float32));
    verifyTimes[Precision.Float64].Measure(() => last64 = NetworkVerifier.Verify(compiled.Weights, task, verifyOptions, Precision.Float64));
}

Console.WriteLine(string.Create(inv, $"verify {Path.GetRelativePath(root, specPath)}: {last32!.Trials:N0} trials per precision, all exact: {last32.AllExact && last64!.AllExact}; compute best {verifyTimes[Precision.Float32].Best:F1} ms (float32) + {verifyTimes[Precision.Float64].Best:F1} ms (float64), median {verifyTimes[Precision.Float32].Median:F1} + {verifyTimes[Precision.Float64].Median:F1} ms"));

Console.WriteLine($"load average at end (1, 5, 15 min): {LoadAverage()}");

// Other processes on the machine slow both contenders unevenly, so the load is printed with the figures.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "not available";

static GruWeights DenseRandom(int inputSize, int hiddenSize, int outputSize, long seed)
{
    // PyTorch's initialization: every parameter uniform in [-1/sqrt(d), 1/sqrt(d)].
    var random = new TrialRandom(seed);
    var bound = 1 / Math.Sqrt(hiddenSize);
    var weights = new GruWeights(inputSize, hiddenSize, outputSize);
    foreach (var values in new[] { weights.WeightIh.Data, weights.WeightHh.Data, weights.BiasIh, weights.BiasHh, weights.ReadoutWeight.Data, weights.ReadoutBias, weights.InitialState })
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ((2 * random.NextDouble()) - 1) * bound;
        }
    }

    return weights;
}

static double MaxAbsoluteDifference(float[] expected, float[] actual)
{
    var max = 0.0;
    for (var i = 0; i < expected.Length; i++)
    {
        max = Math.Max(max, Math.Abs((double)expected[i] - actual[i]));
    }

    return max;
}

static string FindRepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "GateLang.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains GateLang.sln; run the benchmark from a clone of the repository.");
}
