import Foundation
import MutasiDomain
import Testing

struct LowercaseIDsTests {
    @Test("UUID-shaped strings and keys become lower case; everything else is left as it is")
    func lowercasesIDs() throws {
        let id = UUID(uuidString: "0F8FAD5B-D9CB-469F-A165-70867728950E")!
        let json = #"{"id":"\#(id.uuidString)","ids":["\#(id.uuidString)"],"\#(id.uuidString)":1,"#
            + #""name":"ABCDEF","text":"see \#(id.uuidString) here","quoted":"\"\#(id.uuidString)\"","n":12}"#
        let out = String(decoding: LowercaseIDs.json(Array(json.utf8)), as: UTF8.self)
        let lower = id.uuidString.lowercased()
        #expect(out == #"{"id":"\#(lower)","ids":["\#(lower)"],"\#(lower)":1,"#
                + #""name":"ABCDEF","text":"see \#(id.uuidString) here","quoted":"\"\#(id.uuidString)\"","n":12}"#)
        #expect(LowercaseIDs.text(id.uuidString) == lower)
        #expect(LowercaseIDs.text("SD-1") == "SD-1")
        #expect(DomainError.invalid("agency.not_found", "No agency has id \(id).").message == "No agency has id \(lower).")
    }
}
