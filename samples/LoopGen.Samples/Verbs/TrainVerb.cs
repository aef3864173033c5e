using System.CommandLine;
using System.Globalization;
using LoopGen.Samples.Cli;
using LoopGen.Samples.Training;

namespace LoopGen.Samples.Verbs;

/// <summary>
/// <c>train [--epochs N]</c>: trains a small RNN to predict a sine wave with Adam, the gradient taken through the
/// <c>foreach</c> over time steps of a <c>[Compile]</c> loss (rolled forward and backward loops), prints the loss per
/// epoch, and checks the result against the eager path.
/// </summary>
internal static class TrainVerb
{
    /// <summary>The <c>train</c> command.</summary>
    public static Command Create(Option<string> backend)
    {
        var epochs = new Option<int>("--epochs") { Description = "Adam steps (full batch)", DefaultValueFactory = _ => 300 };
        var command = new Command("train", "Train a small RNN on a sine wave with gradients through a rolled loop") { epochs };
        command.SetAction(parse => VerbContext.Run(parse, backend, ctx => Execute(ctx, parse.GetValue(epochs))));
        return command;
    }

    /// <summary>Trains and reports; fails when the loss does not fall below <see cref="Trainer.Threshold"/> or the eager path disagrees.</summary>
    public static int Execute(VerbContext ctx, int epochs)
    {
        const int steps = 20, batch = 8, hidden = 8;
        var data = SineModel.Data(steps, batch, DType.F32);
        var init = Trainer.Init(hidden);
        var lowered = Trainer.Step.Lower((init.W, init.U, init.B, init.V), data);
        ctx.Output.WriteLine($"sine-wave RNN: {batch} sequences × {steps} steps, hidden {hidden}, Adam lr 0.02, {epochs} epochs");
        ctx.Output.WriteLine($"gradient module: {lowered.OpCount} ops, {lowered.WhileCount} stablehlo.while (forward + backward, both rolled)");
        int every = Math.Max(1, epochs / 15);
        var run = Trainer.Train(data, init, epochs, 0.02, (epoch, loss) =>
        {
            if (epoch == 1 || epoch % every == 0 || epoch == epochs)
            {
                int bar = (int)Math.Clamp(Math.Round(40 * loss / 0.6), 0, 40);
                ctx.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch,4}  loss {loss,9:F5}  {new string('#', bar)}"));
            }
        });
        double final = run.Losses[^1];
        var (lossDiff, gradDiff) = Trainer.CheckAgainstEager(run.Final, data);
        ctx.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"final loss {final:F5} (threshold {Trainer.Threshold}) after {epochs} epochs in {run.Elapsed.TotalSeconds:F1} s"));
        ctx.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"eager path: loss differs by {lossDiff:E1} (relative); gradient vs finite differences of the eager method: {gradDiff:E1}"));
        bool converged = final < Trainer.Threshold;
        bool agrees = lossDiff < 1e-4 && gradDiff < 1e-4;
        ctx.Output.WriteLine(converged ? "converged" : "did NOT converge");
        ctx.Output.WriteLine(agrees ? "eager agrees" : "eager DISAGREES");
        return converged && agrees ? ExitCodes.Ok : ExitCodes.Failed;
    }
}
