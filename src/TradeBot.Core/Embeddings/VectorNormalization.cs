using System.Numerics.Tensors;

namespace TradeBot.Core.Embeddings;

internal static class VectorNormalization
{
    /// <summary>Scales a vector to unit length in place (cosine similarity becomes a dot product); a zero vector stays zero.</summary>
    public static float[] ToUnitLength(float[] vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
        return vector;
    }
}
