import Foundation
import Testing

/// Signed checkpoints of the chains' heads, through the real `mutasi` executable: whoever holds
/// the database's owner credentials can rewrite and re-hash history or cut it short, and only a
/// checkpoint signed with a key kept elsewhere shows it.
@Suite("Audit checkpoints")
struct AuditCheckpointTests {
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("audit-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func seeded() async throws -> (TestDatabase, [String: UUID]) {
        let db = try await TestDatabase.create()
        let seed = try CLITests.run(["demo", "seed"], db: db)
        #expect(seed.status == 0, "\(seed.stderr)")
        let rows = try await db.asOwner { try await $0.column("SELECT code || '=' || id::text FROM tenants", as: String.self) }
        var ids: [String: UUID] = [:]
        for row in rows {
            let parts = row.split(separator: "=")
            ids[String(parts[0])] = UUID(uuidString: String(parts[1]))
        }
        return (db, ids)
    }

    @Test("keygen writes a 0600 private key and never overwrites")
    func keygen() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (priv, pub) = (dir.appendingPathComponent("audit.key").path, dir.appendingPathComponent("audit.pub").path)
        let db = TestDatabase(name: "unused", ownerURL: "", appURL: "", sqlDirectory: dir)
        let made = try CLITests.run(["audit", "keygen", "--private", priv, "--public", pub], db: db)
        #expect(made.status == 0, "\(made.stderr)")
        let mode = (try FileManager.default.attributesOfItem(atPath: priv)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        #expect(try String(contentsOfFile: priv, encoding: .utf8).hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(try String(contentsOfFile: pub, encoding: .utf8).hasPrefix("-----BEGIN PUBLIC KEY-----"))
        let key = try Data(contentsOf: URL(fileURLWithPath: priv))
        let again = try CLITests.run(["audit", "keygen", "--private", priv, "--public", dir.appendingPathComponent("other.pub").path], db: db)
        #expect(again.status != 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: priv)) == key)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("other.pub").path))
    }

    @Test("a checkpoint verifies; a perfect re-hash and a truncation before it are detected")
    func detectsRewriteAndTruncation() async throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, tenants) = try await Self.seeded()
        let (priv, pub) = (dir.appendingPathComponent("audit.key").path, dir.appendingPathComponent("audit.pub").path)
        let checkpoint = dir.appendingPathComponent("checkpoint.json").path
        #expect(try CLITests.run(["audit", "keygen", "--private", priv, "--public", pub], db: db).status == 0)
        let written = try CLITests.run(["audit", "checkpoint", "--key", priv, "--output", checkpoint], db: db)
        #expect(written.status == 0, "\(written.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: checkpoint))) as! [String: Any]
        let payload = try JSONSerialization.jsonObject(with: Data((document["payload"] as! String).utf8)) as! [String: Any]
        #expect((payload["chains"] as? [Any])?.count == 4)   // the platform and three tenants
        let verifyArgs = ["audit", "verify", "--checkpoint", checkpoint, "--public-key", pub]

        let intact = try CLITests.run(verifyArgs, db: db)
        #expect(intact.status == 0, "\(intact.stdout)\(intact.stderr)")
        #expect(intact.stdout.contains("tanda tangan sah"))

        // Later events are fine: they link on from the checkpointed head.
        let created = try CLITests.run(["tenant", "create", "--operator", "bkn-denpasar", "--code", "kab-kupang",
                                        "--name", "Pemerintah Kabupaten Kupang", "--kind", "regency", "--region-code", "53.01"], db: db)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(try CLITests.run(verifyArgs, db: db).status == 0)

        // A perfect re-hash of kota-kupang's history: the chain alone verifies, the checkpoint does not.
        let kupang = try #require(tenants["kota-kupang"])
        try await db.rehash(scope: kupang, from: 2)
        #expect(try CLITests.run(["audit", "verify"], db: db).status == 0)
        let rewritten = try CLITests.run(verifyArgs, db: db)
        #expect(rewritten.status == 3)
        #expect(rewritten.stdout.contains("RUSAK  \(kupang.uuidString.lowercased())"))
        #expect(rewritten.stdout.contains("checkpointed hash"))
        let one = try CLITests.run(verifyArgs + ["--tenant", "kota-kupang"], db: db)
        #expect(one.status == 3)

        // Cutting the last events of kota-mataram's chain and moving its head back.
        let mataram = try #require(tenants["kota-mataram"])
        try await db.truncate(scope: mataram, last: 2)
        #expect(try CLITests.run(["audit", "verify", "--tenant", "kota-mataram"], db: db).status == 0)
        let truncated = try CLITests.run(verifyArgs + ["--tenant", "kota-mataram"], db: db)
        #expect(truncated.status == 3)
        #expect(truncated.stdout.contains("truncated"))
    }

    @Test("a checkpoint with a flipped byte, or checked with another key, is refused")
    func refusesBadSignatures() async throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, _) = try await Self.seeded()
        let path = { (name: String) in dir.appendingPathComponent(name).path }
        #expect(try CLITests.run(["audit", "keygen", "--private", path("a.key"), "--public", path("a.pub")], db: db).status == 0)
        #expect(try CLITests.run(["audit", "keygen", "--private", path("b.key"), "--public", path("b.pub")], db: db).status == 0)
        #expect(try CLITests.run(["audit", "checkpoint", "--key", path("a.key"), "--output", path("c.json")], db: db).status == 0)
        #expect(try CLITests.run(["audit", "verify", "--checkpoint", path("c.json"), "--public-key", path("a.pub")], db: db).status == 0)

        let wrongKey = try CLITests.run(["audit", "verify", "--checkpoint", path("c.json"), "--public-key", path("b.pub")], db: db)
        #expect(wrongKey.status != 0)
        #expect(wrongKey.stderr.contains("audit.checkpoint_invalid"))

        let original = try Data(contentsOf: URL(fileURLWithPath: path("c.json")))
        let text = String(decoding: original, as: UTF8.self)
        // Flip one bit of a digit inside the signed payload (a head's seq), and of the signature.
        func offset(after needle: String) -> Int {
            text.utf8.distance(from: text.utf8.startIndex, to: text.range(of: needle)!.upperBound)
        }
        let signature = (try JSONSerialization.jsonObject(with: original) as! [String: Any])["signature"] as! String
        let seqDigit = offset(after: #"\"seq\":"#)
        let signatureByte = offset(after: signature) - signature.utf8.count + 3
        for position in [seqDigit, signatureByte] {
            var flipped = original
            flipped[position] ^= 0x01
            try flipped.write(to: URL(fileURLWithPath: path("flipped.json")))
            let refused = try CLITests.run(["audit", "verify", "--checkpoint", path("flipped.json"), "--public-key", path("a.pub")], db: db)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("audit.checkpoint_invalid"), "\(refused.stderr)")
            #expect(!refused.stdout.contains("utuh"))
        }
    }
}
