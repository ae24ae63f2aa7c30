using GateLang.Analysis;
using GateLang.Simulation;
using GateLang.Tasks;

namespace GateLang.Tests.Analysis;

public class RecordingTests
{
    [Fact]
    public void KeepsOnlyRequestedTrajectories()
    {
        var subject = SyntheticNetworks.Subject(3);

        var recording = SyntheticNetworks.Record(subject, trials: 50, options: new RecordingOptions { KeptTrajectories = 7 });

        Assert.Equal(50, recording.Trials.Count);
        Assert.Equal(7, recording.Trajectories.Count);
        Assert.Equal(Enumerable.Range(0, 7), recording.Trajectories.Select(t => t.TrialIndex));
        Assert.Equal(50, recording.DelayStartStates.Length);
        Assert.Contains("first 7 trials", recording.DescribeContents());
    }

    [Fact]
    public void TrajectoryMatchesReferenceSimulator()
    {
        var subject = SyntheticNetworks.Subject(3);
        var trial = new Trial([1, 0, 1], Delay: 4);

        var recording = NetworkRecorder.Record(subject.Weights, subject.Task, [trial]);

        var simulator = new GruSimulator<double>(subject.Weights);
        var d = subject.Weights.HiddenSize;
        var state = new double[d];
        var scratch = new double[6 * d];
        var z = new double[d];
        var r = new double[d];
        simulator.CopyInitialState(state);
        var trajectory = recording.Trajectories[0];
        for (var t = 0; t < trajectory.Steps; t++)
        {
            simulator.Step(state, VdcmLayout.InputAt(trial, 2, t), scratch, r, z);
            for (var i = 0; i < d; i++)
            {
                Assert.Equal((float)state[i], trajectory.State[(t * d) + i]);
                Assert.Equal((float)z[i], trajectory.UpdateGate[(t * d) + i]);
                Assert.Equal((float)r[i], trajectory.ResetGate[(t * d) + i]);
            }

            if (t == 3)
            {
                Assert.Equal(state, recording.DelayStartStates[0]);
            }
        }
    }

    [Fact]
    public void ResultIndependentOfThreadCount()
    {
        var subject = SyntheticNetworks.Subject(4);

        var serial = SyntheticNetworks.Record(subject, trials: 150, options: new RecordingOptions { MaxDegreeOfParallelism = 1 });
        var parallel = SyntheticNetworks.Record(subject, trials: 150, options: new RecordingOptions { MaxDegreeOfParallelism = 2 });

        Assert.Equal(serial.ResetMetric, parallel.ResetMetric);
        Assert.Equal(serial.AlignedMeanState, parallel.AlignedMeanState);
        Assert.Equal(serial.AlignedStdState, parallel.AlignedStdState);
        Assert.Equal(serial.DelayUpdateGateMean, parallel.DelayUpdateGateMean);
    }

    [Fact]
    public void AlignedStdMatchesTwoPassStd()
    {
        var subject = SyntheticNetworks.Subject(4);

        var recording = SyntheticNetworks.Record(subject, trials: 100);

        var twoPass = MemoryNeuronAnalysis.StandardDeviations(recording.DelayStartStates, recording.HiddenSize);
        var aligned = recording.AlignedStdState[AlignedTimeline.DelayStartPosition(4)];
        for (var i = 0; i < twoPass.Length; i++)
        {
            Assert.Equal(twoPass[i], aligned[i], 1e-12);
        }
    }

    [Fact]
    public void AlignedTimelineMapsPhases()
    {
        var trial = new Trial([0, 1, 0], Delay: 5);

        Assert.Equal(8, AlignedTimeline.PositionCount(3));
        Assert.Equal([0, 1, 2, 3, 7, 8, 9, 10], Enumerable.Range(0, 8).Select(p => AlignedTimeline.TimeAt(trial, p)));
        Assert.Equal(TrialPhase.Encoding, AlignedTimeline.PhaseAt(trial, 2));
        Assert.Equal(TrialPhase.Delay, AlignedTimeline.PhaseAt(trial, 7));
        Assert.Equal(TrialPhase.Decoding, AlignedTimeline.PhaseAt(trial, 8));
    }

    [Fact]
    public void CompiledNetworkIsExact()
    {
        var subject = SyntheticNetworks.Subject(5);

        var accuracy = AccuracyAnalysis.Analyze(SyntheticNetworks.Record(subject, trials: 100));

        Assert.Equal(1.0, accuracy.ExactSequenceAccuracy);
        Assert.Equal(1.0, accuracy.PerStepAccuracy);
        Assert.Empty(accuracy.FailingDecodingSteps);
        Assert.Equal([100], accuracy.WrongStepsPerTrial);
        Assert.All(accuracy.AlignedAccuracy, a => Assert.Equal(1.0, a));
    }

    [Fact]
    public void LiteralEraseGainFailsLateSteps()
    {
        // With erase_gain = 1 leftovers of erased neurons outweigh 3^−S from S = 7 on, so the last
        // decoding steps fail; the first can never fail because m_1 dominates until erased.
        var network = GateLang.Tests.Lowering.BinaryCopyLoweringTests.CompileBinary(10, eraseGain: 1, delay: "5..12");
        var subject = AnalysisSubject.FromCompiled(network, "test");

        var accuracy = AccuracyAnalysis.Analyze(SyntheticNetworks.Record(subject, trials: 200));

        Assert.True(accuracy.ExactSequenceAccuracy < 0.5, $"exact-sequence accuracy {accuracy.ExactSequenceAccuracy}");
        Assert.DoesNotContain(0, accuracy.FailingDecodingSteps);
        Assert.Contains(9, accuracy.FailingDecodingSteps);
        Assert.NotEmpty(accuracy.FailureExamples);
        Assert.Equal(accuracy.FailedTrials, accuracy.WrongStepsPerTrial.Skip(1).Sum());
    }

    [Fact]
    public void OccupancySeparatesBlocks()
    {
        var subject = SyntheticNetworks.Subject(4);
        var recording = SyntheticNetworks.Record(subject, trials: 50);
        var memory = MemoryNeuronAnalysis.Analyze(recording);

        var occupancy = GateOccupancy.Analyze(recording, subject.Blocks, memory);

        var memoryBlock = occupancy.ByBlock.Single(g => g.Kind == "memory");
        var clock = occupancy.ByBlock.Single(g => g.Kind == "clock");
        Assert.Equal(1.0, memoryBlock.UpdateGateOpen[TrialPhase.Delay]);
        Assert.Equal(0.0, clock.UpdateGateOpenOverall);
        Assert.All(occupancy.ByBlock, g => Assert.Equal(0.0, g.ResetGateOpenOverall));
        Assert.Equal(["memory", "other"], occupancy.ByMemoryClass.Select(g => g.Kind));
    }
}
