using System.Numerics.Tensors;
using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace TradeBot.Core.Embeddings;

/// <summary>
/// A local sentence-embedding model exported to ONNX (BERT family: all-MiniLM-L6-v2, bge-small-en-v1.5, …): texts
/// are tokenized with the model's WordPiece vocabulary, run in batches, mean-pooled over the tokens the attention
/// mask keeps, and L2-normalised. The model id names the model file's hash, so that the store re-embeds when the
/// model changes.
/// </summary>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelFileName = "model.onnx";
    public const string VocabularyFileName = "vocab.txt";
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";
    private const string PreferredOutput = "last_hidden_state";

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly bool _usesTokenTypes;
    private readonly string _output;
    private readonly int _maxTokens;
    private readonly int _batchSize;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public OnnxEmbeddingGenerator(string modelFolder, int maxTokens = 256, int batchSize = 16, bool lowerCase = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelFolder);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 3);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var modelPath = Path.Combine(modelFolder, ModelFileName);
        _tokenizer = BertTokenizer.Create(Path.Combine(modelFolder, VocabularyFileName), new BertOptions { LowerCaseBeforeTokenization = lowerCase });
        _session = new InferenceSession(modelPath);
        if (!_session.InputMetadata.ContainsKey(InputIds) || !_session.InputMetadata.ContainsKey(AttentionMask))
        {
            _session.Dispose();
            throw new InvalidOperationException($"The ONNX model {modelPath} must take '{InputIds}' and '{AttentionMask}' inputs.");
        }
        _usesTokenTypes = _session.InputMetadata.ContainsKey(TokenTypeIds);
        _output = _session.OutputMetadata.ContainsKey(PreferredOutput) ? PreferredOutput : _session.OutputNames[0];
        var hidden = _session.OutputMetadata[_output].Dimensions;
        Dimensions = hidden.Length == 3 && hidden[2] > 0 ? hidden[2] : null;
        _maxTokens = maxTokens;
        _batchSize = batchSize;
        ModelId = $"onnx-{Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(modelFolder)))}-{FileHash(modelPath)}";
        _metadata = new EmbeddingGeneratorMetadata("tradebot-onnx", new Uri(Path.GetFullPath(modelPath)), ModelId, Dimensions);
    }

    public string ModelId { get; }

    /// <summary>The vector length, when the model declares it.</summary>
    public int? Dimensions { get; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var batch in values.Chunk(_batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var vector in Embed(batch))
            {
                embeddings.Add(new Embedding<float>(vector) { ModelId = ModelId });
            }
        }
        return Task.FromResult(embeddings);
    }

    /// <summary>The token ids of a text as the model sees them: [CLS] … [SEP], cut to the token limit.</summary>
    internal IReadOnlyList<int> Tokenize(string text) =>
        _tokenizer.EncodeToIds(text, _maxTokens, addSpecialTokens: true, out _, out _, considerPreTokenization: true, considerNormalization: true);

    private List<float[]> Embed(string[] texts)
    {
        var tokens = texts.Select(Tokenize).ToList();
        var length = tokens.Max(t => t.Count);
        var shape = new long[] { texts.Length, length };
        var ids = new long[texts.Length * length];
        var mask = new long[texts.Length * length];
        Array.Fill(ids, _tokenizer.PaddingTokenId);
        for (var row = 0; row < tokens.Count; row++)
        {
            for (var i = 0; i < tokens[row].Count; i++)
            {
                ids[(row * length) + i] = tokens[row][i];
                mask[(row * length) + i] = 1;
            }
        }

        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = _usesTokenTypes ? OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape) : null;
        var inputs = new Dictionary<string, OrtValue> { [InputIds] = idsValue, [AttentionMask] = maskValue };
        if (typesValue is not null)
        {
            inputs[TokenTypeIds] = typesValue;
        }
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, inputs, [_output]);
        var hiddenStates = outputs[0].GetTensorDataAsSpan<float>();
        var outputShape = outputs[0].GetTensorTypeAndShape().Shape;
        var hidden = (int)outputShape[^1];
        var vectors = new List<float[]>(texts.Length);
        for (var row = 0; row < texts.Length; row++)
        {
            vectors.Add(Pool(hiddenStates, mask, row, length, hidden));
        }
        return vectors;
    }

    /// <summary>The mean of the token vectors the attention mask keeps, L2-normalised.</summary>
    internal static float[] Pool(ReadOnlySpan<float> hiddenStates, ReadOnlySpan<long> mask, int row, int length, int hidden)
    {
        var vector = new float[hidden];
        var kept = 0;
        for (var i = 0; i < length; i++)
        {
            if (mask[(row * length) + i] == 0)
            {
                continue;
            }
            TensorPrimitives.Add(vector, hiddenStates.Slice(((row * length) + i) * hidden, hidden), vector);
            kept++;
        }
        if (kept > 0)
        {
            TensorPrimitives.Divide(vector, kept, vector);
        }
        return VectorNormalization.ToUnitLength(vector);
    }

    private static string FileHash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream))[..12].ToLowerInvariant();
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() => _session.Dispose();
}
