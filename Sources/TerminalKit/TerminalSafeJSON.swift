/// JSON that is exact for a program and harmless on a terminal.
///
/// JSON requires only C0 controls to be escaped inside strings, so a plain encoder passes DEL, the
/// C1 controls (U+0080–U+009F: U+009B is an 8-bit CSI, U+009D an 8-bit OSC) and the bidirectional
/// controls through as they are, and a terminal that reads them acts on them. Written as `\uXXXX`
/// they decode to the same string, so nothing is lost for the program on the other end of a pipe.
public enum TerminalSafeJSON {
    /// `json` (the output of a JSON encoder) with every such scalar written as a `\u` escape. Those
    /// scalars can only occur inside strings, so escaping them never changes the structure.
    public static func escape(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: needsEscape) else { return json }
        var output = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if needsEscape(scalar) {
                output.append(contentsOf: ("\\u" + hex4(scalar.value)).unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    /// Controls a JSON encoder leaves raw but a terminal would act on or reorder text by.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00..<0x20, 0x7F...0x9F: return true
        case 0x2028, 0x2029: return true
        default: return Sanitizer.isRemoved(scalar)
        }
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
