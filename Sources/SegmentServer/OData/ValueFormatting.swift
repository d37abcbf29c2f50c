import Foundation

/// Dates are stored as whole UTC seconds since 1970: they sort and compare as integers in SQLite,
/// and render here without `DateFormatter`, which is slow for 5000-row pages.
enum Timestamp {
    /// `2026-11-27T16:05:11Z`, the form Dataverse sends.
    static func iso(_ seconds: Int64) -> String {
        let (y, m, d, hh, mm, ss) = civil(seconds)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(hh, 2)):\(pad(mm, 2)):\(pad(ss, 2))Z"
    }

    /// `11/27/2026 4:05 PM`, the formatted value of an en-US organisation in UTC.
    static func formatted(_ seconds: Int64) -> String {
        let (y, m, d, hh, mm, _) = civil(seconds)
        let hour12 = hh % 12 == 0 ? 12 : hh % 12
        return "\(m)/\(d)/\(y) \(hour12):\(pad(mm, 2)) \(hh < 12 ? "AM" : "PM")"
    }

    /// Parses `2026-01-31`, `2026-01-31T10:00Z`, `2026-01-31T10:00:00.123+02:00` and the like.
    static func parse(_ text: String) -> Int64? {
        let chars = Array(text.utf8)
        var i = 0
        func number(_ width: Int) -> Int? {
            guard i + width <= chars.count else { return nil }
            var value = 0
            for k in i..<(i + width) {
                guard chars[k] >= 48 && chars[k] <= 57 else { return nil }
                value = value * 10 + Int(chars[k] - 48)
            }
            i += width
            return value
        }
        func expect(_ c: Character) -> Bool {
            guard i < chars.count, chars[i] == c.asciiValue else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var seconds = days(year: year, month: month, day: day) * 86_400
        if i == chars.count { return seconds }
        guard expect("T"), let hour = number(2), expect(":"), let minute = number(2), hour < 24, minute < 60 else { return nil }
        seconds += Int64(hour * 3600 + minute * 60)
        if expect(":") {
            guard let second = number(2), second < 60 else { return nil }
            seconds += Int64(second)
            if expect(".") {
                let start = i
                while i < chars.count, chars[i] >= 48 && chars[i] <= 57 { i += 1 }
                if i == start { return nil }
            }
        }
        if expect("Z") { return i == chars.count ? seconds : nil }
        guard i < chars.count, chars[i] == UInt8(ascii: "+") || chars[i] == UInt8(ascii: "-") else { return nil }
        let sign: Int64 = chars[i] == UInt8(ascii: "+") ? 1 : -1
        i += 1
        guard let oh = number(2), expect(":"), let om = number(2), i == chars.count else { return nil }
        return seconds - sign * Int64(oh * 3600 + om * 60)
    }

    static func now() -> Int64 { Int64(Date().timeIntervalSince1970.rounded(.down)) }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm, valid for the proleptic Gregorian calendar).
    private static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civil(_ seconds: Int64) -> (Int, Int, Int, Int, Int, Int) {
        var dayCount = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 {
            rest += 86_400
            dayCount -= 1
        }
        let z = dayCount + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d), Int(rest / 3600), Int(rest % 3600 / 60), Int(rest % 60))
    }
}

enum NumberText {
    /// `12408` → `12,408`, as an en-US organisation formats whole numbers.
    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, char) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(char)
        }
        return value < 0 ? "-" + out : out
    }
}

/// Case- and accent-insensitive comparison text, like the `Latin1_General_CI_AI` collation of a
/// Dataverse database: `contains(name,'sao')` finds "Clientes de São Paulo".
enum Fold {
    static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }
}

enum GUID {
    /// Lowercased canonical form, or nil: accepts braces as Dataverse does (`{8D2F...}`).
    static func normalize(_ text: String) -> String? {
        var body = Substring(text)
        if body.hasPrefix("{") && body.hasSuffix("}") { body = body.dropFirst().dropLast() }
        let bytes = Array(body.utf8)
        guard bytes.count == 36 else { return nil }
        for (index, byte) in bytes.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
            } else {
                guard (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 70) || (byte >= 97 && byte <= 102) else { return nil }
            }
        }
        return String(body).lowercased()
    }

    static func random() -> String { UUID().uuidString.lowercased() }
}
