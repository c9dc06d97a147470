namespace TradeBot.Core.Tests.Embeddings;

/// <summary>
/// Writes a tiny BERT-shaped ONNX model with a hand-written protobuf encoder (the <c>onnx</c> Python package is not
/// on this machine): inputs <c>input_ids</c>, <c>attention_mask</c> and <c>token_type_ids</c> [batch, seq] (int64);
/// output <c>last_hidden_state</c> [batch, seq, 3] = WordEmbedding[input_ids] + TypeEmbedding[token_type_ids], with
/// word row i = (i, 1, i mod 2) and type rows (0, 0, 0) and (100, 100, 100). The attention mask is left to pooling,
/// so padded positions have non-zero states that pooling must skip. Also writes a 10-token WordPiece vocabulary.
/// </summary>
internal static class TinyBertModel
{
    public const int Hidden = 3;

    public static readonly string[] Vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "tariff", "##s", "china", "trade", "rose"];

    public static float[] WordRow(int id) => [id, 1, id % 2];

    public static void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "vocab.txt"), Vocabulary);
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), Model());
    }

    private static byte[] Model()
    {
        var words = Enumerable.Range(0, Vocabulary.Length).SelectMany(WordRow).ToArray();
        float[] types = [0, 0, 0, 100, 100, 100];
        var graph = new Proto()
            .Message(1, Node(["word_embeddings", "input_ids"], "words", "Gather"))
            .Message(1, Node(["type_embeddings", "token_type_ids"], "types", "Gather"))
            .Message(1, Node(["words", "types"], "last_hidden_state", "Add"))
            .String(2, "tiny_bert")
            .Message(5, FloatTensor("word_embeddings", [Vocabulary.Length, Hidden], words))
            .Message(5, FloatTensor("type_embeddings", [2, Hidden], types))
            .Message(11, Value("input_ids", 7, "batch", "sequence"))
            .Message(11, Value("attention_mask", 7, "batch", "sequence"))
            .Message(11, Value("token_type_ids", 7, "batch", "sequence"))
            .Message(12, Value("last_hidden_state", 1, "batch", "sequence", Hidden));
        return new Proto()
            .Varint(1, 8) // ir_version
            .String(2, "tradebot-tests")
            .Message(7, graph)
            .Message(8, new Proto().String(1, string.Empty).Varint(2, 13)) // opset 13
            .ToArray();
    }

    private static Proto Node(string[] inputs, string output, string op)
    {
        var node = new Proto();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }
        return node.String(2, output).String(3, output + "_node").String(4, op);
    }

    private static Proto FloatTensor(string name, long[] dims, float[] values)
    {
        var tensor = new Proto();
        foreach (var dim in dims)
        {
            tensor.Varint(1, dim);
        }
        var raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length); // ONNX raw data is little-endian, as this machine is
        return tensor.Varint(2, 1).String(8, name).Bytes(9, raw);
    }

    /// <summary>A tensor value: elem_type (1 float, 7 int64) and dims, each a name (string) or a size (int).</summary>
    private static Proto Value(string name, int elementType, params object[] dims)
    {
        var shape = new Proto();
        foreach (var dim in dims)
        {
            shape.Message(1, dim is string param ? new Proto().String(2, param) : new Proto().Varint(1, (int)dim));
        }
        var tensorType = new Proto().Varint(1, elementType).Message(2, shape);
        return new Proto().String(1, name).Message(2, new Proto().Message(1, tensorType));
    }

    /// <summary>The protobuf wire format, as far as ONNX models need it.</summary>
    private sealed class Proto
    {
        private readonly List<byte> _bytes = [];

        public Proto Varint(int field, long value)
        {
            Key(field, 0);
            Raw((ulong)value);
            return this;
        }

        public Proto String(int field, string value) => Bytes(field, System.Text.Encoding.UTF8.GetBytes(value));

        public Proto Message(int field, Proto message) => Bytes(field, message.ToArray());

        public Proto Bytes(int field, byte[] value)
        {
            Key(field, 2);
            Raw((ulong)value.Length);
            _bytes.AddRange(value);
            return this;
        }

        public byte[] ToArray() => _bytes.ToArray();

        private void Key(int field, int wireType) => Raw((ulong)((field << 3) | wireType));

        private void Raw(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes.Add((byte)(value | 0x80));
                value >>= 7;
            }
            _bytes.Add((byte)value);
        }
    }
}
