import CNCurses
import Keys

/// Turns what ncurses' `get_wch` returns into `Key`s. Pure, so it is tested without a terminal.
public enum KeyDecoder {
    /// Decodes one `get_wch` result: `code` is the character or key code it stored, `isKeyCode`
    /// is true when it returned `KEY_CODE_YES` (a function key, an arrow, a resize).
    /// `extended` maps key codes that ncurses assigns at run time (from terminfo's extended
    /// capabilities such as `kLFT5`, Ctrl-←) to keys.
    public static func decode(code: UInt32, isKeyCode: Bool, extended: [Int32: Key] = [:]) -> Key {
        if isKeyCode, let key = extended[Int32(bitPattern: code)] { return key }
        return isKeyCode ? decodeKeyCode(Int32(bitPattern: code)) : decodeCharacter(code)
    }

    /// The terminfo capabilities of modified arrows, and the keys they are.
    public static let extendedCapabilities: [(name: String, key: Key)] = [
        ("kLFT5", .wordLeft), ("kRIT5", .wordRight), ("kLFT3", .wordLeft), ("kRIT3", .wordRight),
    ]

    /// Appends `key` to `keys`, folding a combining mark into the character typed before it,
    /// because input methods deliver "é" as "e" then U+0301 and a binding should see one key.
    public static func append(_ key: Key, to keys: inout [Key]) {
        if case .character(let mark) = key, case .character(let base)? = keys.last {
            let combined = String(base) + String(mark)
            if combined.count == 1, let merged = combined.first {
                keys[keys.count - 1] = .character(merged)
                return
            }
        }
        keys.append(key)
    }

    private static func decodeCharacter(_ code: UInt32) -> Key {
        switch code {
        case 0x09: return .tab
        case 0x0A, 0x0D: return .enter
        case 0x1B: return .escape
        case 0x08, 0x7F: return .backspace
        case 0x01...0x1A:
            return .control(Character(Unicode.Scalar(UInt8(code) + 0x60)))
        case 0x00...0x1F, 0x80...0x9F:
            return .unknown(Int32(bitPattern: code))
        default:
            guard let scalar = Unicode.Scalar(code) else { return .unknown(Int32(bitPattern: code)) }
            return .character(Character(scalar))
        }
    }

    private static func decodeKeyCode(_ code: Int32) -> Key {
        switch code {
        case tk_key_resize(): return .resize
        case tk_key_up(): return .up
        case tk_key_down(): return .down
        case tk_key_left(): return .left
        case tk_key_right(): return .right
        case tk_key_home(), tk_key_a1(): return .home
        case tk_key_end(), tk_key_c1(): return .end
        case tk_key_ppage(), tk_key_a3(): return .pageUp
        case tk_key_npage(), tk_key_c3(): return .pageDown
        case tk_key_enter(): return .enter
        case tk_key_backspace(): return .backspace
        case tk_key_dc(): return .delete
        case tk_key_ic(): return .insert
        case tk_key_btab(): return .backTab
        default:
            let function = code - tk_key_f0()
            if function >= 1 && function <= tk_key_f_count() { return .function(Int(function)) }
            return .unknown(code)
        }
    }
}
