import SeededRandom
import SegtuiHarness

/// The keys a monkey presses, as tmux `send-keys` names, drawn from a seeded generator so that a
/// run can be repeated exactly.
///
/// The alphabet is what segtui's key map and text fields know, and then some: letters (so every
/// list command, including `q`), digits, punctuation, accented and wide characters, Enter, Escape,
/// Tab, BackTab, arrows, paging, Home/End, Backspace, Delete, F1, Alt-keys, and Ctrl-keys.
/// Quitting keys (`q`, Ctrl-C) stay in: quitting is behaviour too, and the test restarts segtui.
/// Left out, with reasons:
/// - Ctrl-Z: outside a text field segtui stops itself with SIGTSTP, as a shell job should; a
///   stopped job with nobody to `fg` it would look like a hang.
/// - `;` and `\`: tmux's own command syntax, not keys.
struct MonkeyKeys {
    static let alphabet: [String] = {
        var keys: [String] = []
        keys += "abcdefghijklmnopqrstuvwxyz".map { String($0) }
        keys += "ABCDEFGHIJKLMNOPQRSTUVWXYZ".map { String($0) }
        keys += "0123456789".map { String($0) }
        keys += ["/", "?", "-", ".", ",", "'", "\"", "=", "+", "(", ")", "[", "]", "*", "!", "@", "_", ":", "#", "%", "<", ">"]
        keys += ["é", "ü", "ß", "日", "本"]
        keys += ["Enter", "Escape", "Tab", "BTab", "Space", "BSpace", "DC", "Up", "Down", "Left", "Right",
                 "PPage", "NPage", "Home", "End", "F1", "F5"]
        // The keys that move and open things are pressed more often than a uniform draw would,
        // so that the monkey gets past the list into the editors, dialogs and pickers.
        keys += ["Enter", "Escape", "Tab", "Down", "Up", "j", "k", "e", "m", "n", "L", "a", "Space", "Enter", "Tab"]
        keys += ["M-j", "M-x", "M-Enter"]
        keys += "abcdefghijklmnopqrstuvwxy".map { "C-\($0)" }
        return keys
    }()

    private var random: SeededRandom

    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    mutating func next() -> String {
        Self.alphabet[Int(random.next() % UInt64(Self.alphabet.count))]
    }

    /// A batch length between 1 and limit.
    mutating func batchLength(upTo limit: Int) -> Int {
        1 + Int(random.next() % UInt64(limit))
    }

    /// After one batch in ten, a window size to change to, from roomy to too small.
    mutating func resize() -> (columns: Int, rows: Int)? {
        let sizes = [(100, 30), (100, 30), (80, 24), (160, 50), (60, 20), (40, 12), (30, 10)]
        guard random.next() % 10 == 0 else { return nil }
        let size = sizes[Int(random.next() % UInt64(sizes.count))]
        return (size.0, size.1)
    }

    mutating func batch(_ count: Int) -> [String] {
        (0..<count).map { _ in next() }
    }
}
