import Dataverse
import Foundation
import XCTest

/// Dates are read with Date.ISO8601FormatStyle (made once) instead of a new ISO8601DateFormatter
/// each time: the same instants for the forms Dataverse sends, and the same text written.
final class ODataDateTests: XCTestCase {
    private func formatter(fractional: Bool) -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter
    }

    func testTheFormsDataverseSendsReadAsISO8601DateFormatterReadsThem() throws {
        for text in ["2026-01-15T11:54:16Z", "2024-02-29T23:59:59Z", "2026-01-15T11:54:16+02:00", "2026-01-15T11:54:16-05:30", "0001-01-01T00:00:00Z"] {
            let expected = try XCTUnwrap(formatter(fractional: false).date(from: text), text)
            XCTAssertEqual(ODataDate.parse(text), expected, text)
        }
        for text in ["2026-01-15T11:54:16.123Z", "2026-01-15T11:54:16.5-05:30"] {
            let expected = try XCTUnwrap(formatter(fractional: true).date(from: text), text)
            let read = try XCTUnwrap(ODataDate.parse(text), text)
            XCTAssertEqual(read.timeIntervalSince1970, expected.timeIntervalSince1970, accuracy: 0.001, text)
        }
        for text in ["", "garbage", "2026-01-15", "2026-01-15T11:54Z", "2026-13-15T11:54:16Z", "2026-01-15 11:54:16Z"] {
            XCTAssertNil(ODataDate.parse(text), text)
        }
    }

    func testDatesAreWrittenAsBeforeInUTC() {
        for seconds in [0, 1_768_478_056, 1_709_251_199.75, -62_135_769_600] {
            let date = Date(timeIntervalSince1970: seconds)
            XCTAssertEqual(ODataDate.format(date), formatter(fractional: false).string(from: date))
        }
        XCTAssertEqual(ODataDate.format(Date(timeIntervalSince1970: 1_768_478_056)), "2026-01-15T11:54:16Z")
    }
}
