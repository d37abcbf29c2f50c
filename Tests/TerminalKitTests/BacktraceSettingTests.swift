import XCTest
@testable import TerminalKit

final class BacktraceSettingTests: XCTestCase {
    func testInteractiveAndOutputAreForcedAndTheRestKept() {
        XCTAssertEqual(BacktraceSetting.value(from: nil), "interactive=no,output-to=stderr")
        XCTAssertEqual(BacktraceSetting.value(from: ""), "interactive=no,output-to=stderr")
        XCTAssertEqual(BacktraceSetting.value(from: "interactive=yes,color=no"), "color=no,interactive=no,output-to=stderr")
        XCTAssertEqual(BacktraceSetting.value(from: "enable=no,output-to=stdout"), "enable=no,interactive=no,output-to=stderr")
    }

    func testTheSettingIsStableSoTheRestartHappensOnce() {
        for start in [nil, "interactive=yes", "enable=yes,symbolicate=off"] {
            let once = BacktraceSetting.value(from: start)
            XCTAssertEqual(BacktraceSetting.value(from: once), once)
        }
    }
}
