using QRCoder;
using SkiaSharp;

namespace Signage.Core.Rendering;

/// <summary>The QR code of an announcement's link, black on white whatever the slide's colours, so any phone reads it.</summary>
internal static class QrCode
{
    public static void Draw(SKCanvas canvas, string link, SKRect box)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var count = modules.Count;
        var module = MathF.Floor(box.Width / count);
        var side = module * count;
        var x0 = box.Left + ((box.Width - side) / 2);
        var y0 = box.Top + ((box.Height - side) / 2);
        using var white = new SKPaint { Color = SKColors.White };
        using var black = new SKPaint { Color = SKColors.Black };
        canvas.DrawRect(x0, y0, side, side, white);
        for (var y = 0; y < count; y++)
        {
            for (var x = 0; x < count; x++)
            {
                if (modules[y][x])
                {
                    canvas.DrawRect(x0 + (x * module), y0 + (y * module), module, module, black);
                }
            }
        }
    }
}
