namespace TradeBot.Core.Evaluation;

/// <summary>One question of a case as asked: whether it was answered (not declined) and how long the answer took.</summary>
internal sealed record EvalTurn(string Question, bool Answered, double LatencyMs);
