import Dataverse
import XCTest

/// The corrections at the end of segment-service.md: wildcards in `contains`, and `$` and `,`
/// inside a literal, must reach the service as the text the user typed.
final class ODataFilterEscapingTests: XCTestCase {
    func testWildcardCharactersAreBracketedInContains() {
        XCTAssertEqual(ODataFilter.contains("name", "50%_off[1]"), "contains(name,'50[%][_]off[[]1]')")
        XCTAssertEqual(ODataFilter.contains("name", "O'Brien"), "contains(name,'O''Brien')", "quotes still doubled")
    }

    func testDollarAndCommaArePercentEncodedOnlyInsideLiterals() {
        let query = ODataQuery(filter: ODataFilter.contains("name", "a,b$c"))
        XCTAssertEqual(query.queryString, "$filter=contains(name,%27a%2Cb%24c%27)")
        let decoded = URLComponents(string: "http://x/?" + query.queryString)?.queryItems?.first?.value
        XCTAssertEqual(decoded, "contains(name,'a,b$c')")
    }
}
