namespace TradeBot.Core.Embeddings;

/// <summary>The <c>Embeddings</c> section: which embedder turns passages and questions into vectors.</summary>
public sealed class EmbeddingOptions
{
    public const string SectionName = "Embeddings";
    public const string ArcticProvider = "arctic";
    public const string BuiltinProvider = "builtin";
    public const string OnnxProvider = "onnx";
    public const string OpenAIProvider = "openai";

    /// <summary>
    /// <c>arctic</c> (default: Snowflake arctic-embed-xs, offline, shipped in a package), <c>builtin</c> (the lexical
    /// hashing embedder: fast, knows no meaning), <c>onnx</c> (another local BERT-family model) or <c>openai</c>.
    /// </summary>
    public string Provider { get; set; } = ArcticProvider;

    /// <summary>
    /// The file that keeps computed passage vectors by model and text (not for <c>builtin</c>); empty for
    /// <c>embedding-cache.db</c> in <c>Corpus:DataPath</c>.
    /// </summary>
    public string? CachePath { get; set; }

    /// <summary>For <c>onnx</c>: the folder holding <c>model.onnx</c> and <c>vocab.txt</c>.</summary>
    public string? ModelPath { get; set; }

    /// <summary>For <c>onnx</c>: tokens per text at most (longer texts are cut; all-MiniLM-L6-v2 was trained on 256).</summary>
    public int MaxTokens { get; set; } = 256;

    /// <summary>For <c>arctic</c> and <c>onnx</c>: texts of similar length run through the model at once.</summary>
    public int BatchSize { get; set; } = 8;

    /// <summary>For <c>onnx</c>: whether the vocabulary is lower-cased (uncased models such as MiniLM and bge).</summary>
    public bool LowerCase { get; set; } = true;

    /// <summary>For <c>openai</c>: the base address including <c>/v1</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>For <c>openai</c>: the embedding model or Azure deployment, e.g. <c>text-embedding-3-small</c>.</summary>
    public string? Model { get; set; }

    /// <summary>For <c>openai</c>: the API key; never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>For <c>openai</c>: the vector length to ask for (models that support it); empty for the model's own.</summary>
    public int? Dimensions { get; set; }

    /// <summary>Where the model download fetches <c>model.onnx</c>.</summary>
    public string ModelUrl { get; set; } = "https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2/resolve/main/onnx/model.onnx";

    /// <summary>Where the model download fetches <c>vocab.txt</c>.</summary>
    public string VocabularyUrl { get; set; } = "https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2/resolve/main/vocab.txt";
}
