/// Ids leave the system in lower case, whatever wrote them: Foundation's `UUID` encodes upper case,
/// PostgreSQL and URLs use lower case, and a client comparing ids as text must see one spelling.
/// Applied once to every JSON document the API and the CLI write, so no call site has to remember.
public enum LowercaseIDs {
    /// The JSON text with every string value or key that is exactly a UUID (8-4-4-4-12 hex digits)
    /// in lower case; everything else, including UUIDs inside longer strings, is left as it is.
    public static func json(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        var i = 0
        while i < out.count {
            guard out[i] == UInt8(ascii: "\"") else { i += 1; continue }
            let start = i + 1
            var j = start
            var escaped = false
            while j < out.count, out[j] != UInt8(ascii: "\"") {
                if out[j] == UInt8(ascii: "\\") { escaped = true; j += 2 } else { j += 1 }
            }
            if !escaped, j - start == 36, isUUID(out, from: start) {
                for k in start..<j where out[k] >= UInt8(ascii: "A") && out[k] <= UInt8(ascii: "F") { out[k] += 32 }
            }
            i = j + 1
        }
        return out
    }

    /// A text (a CSV cell, a line the CLI prints) in lower case when it is exactly a UUID.
    public static func text(_ value: String) -> String {
        guard value.utf8.count == 36, isUUID(Array(value.utf8), from: 0) else { return value }
        return value.lowercased()
    }

    /// A message of ours with every UUID in it in lower case (error messages name ids).
    public static func within(_ message: String) -> String {
        var bytes = Array(message.utf8)
        guard bytes.count >= 36 else { return message }
        var i = 0, changed = false
        while i + 36 <= bytes.count {
            guard isUUID(bytes, from: i) else { i += 1; continue }
            for k in i..<(i + 36) where bytes[k] >= UInt8(ascii: "A") && bytes[k] <= UInt8(ascii: "F") { bytes[k] += 32; changed = true }
            i += 36
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : message
    }

    static func isUUID(_ bytes: [UInt8], from start: Int) -> Bool {
        guard start + 36 <= bytes.count else { return false }
        for offset in 0..<36 {
            let byte = bytes[start + offset]
            if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                let hex = (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 70) || (byte >= 97 && byte <= 102)
                guard hex else { return false }
            }
        }
        return true
    }
}
