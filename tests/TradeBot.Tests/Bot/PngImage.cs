using System.Buffers.Binary;
using System.IO.Compression;

namespace TradeBot.Tests.Bot;

/// <summary>Just enough PNG reading for the icon checks: size, and RGBA pixels of unfiltered 8-bit RGBA images.</summary>
internal sealed record PngImage(int Width, int Height, byte ColorType, byte[] Rgba)
{
    public static PngImage Read(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        int width = 0, height = 0;
        byte colorType = 0;
        using var idat = new MemoryStream();
        for (var offset = 8; offset < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                colorType = data[9];
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            offset += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var rgba = new byte[width * height * 4];
        if (colorType == 6 && raw.Length == height * ((width * 4) + 1))
        {
            for (var y = 0; y < height; y++)
            {
                var row = y * ((width * 4) + 1);
                Assert.True(raw[row] == 0, "The icon checks read only unfiltered rows; regenerate the icons with appPackage/make-icons.py.");
                Array.Copy(raw, row + 1, rgba, y * width * 4, width * 4);
            }
        }

        return new PngImage(width, height, colorType, rgba);
    }
}
