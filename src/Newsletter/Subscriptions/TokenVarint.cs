namespace Newsletter.Subscriptions;

/// <summary>Unsigned LEB128 varints for the ids in paper tokens: 7 bits a byte, low bits first.</summary>
internal static class TokenVarint
{
    public static int Write(Span<byte> destination, ulong value)
    {
        var length = 0;
        while (value >= 0x80)
        {
            destination[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[length++] = (byte)value;
        return length;
    }

    /// <summary>A positive id (1 … long.MaxValue) as an unsigned LEB128 varint of at most 9 bytes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, ref int offset, out long value)
    {
        value = 0;
        ulong result = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            if (offset >= bytes.Length)
            {
                return false;
            }

            var next = bytes[offset++];
            result |= (ulong)(next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                value = (long)result;
                return result is > 0 and <= long.MaxValue;
            }
        }

        return false;
    }
}
