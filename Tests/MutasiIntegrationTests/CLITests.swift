import Foundation
import PostgresNIO
import Testing

/// The real `mutasi` executable, run as an operator would.
@Suite("Admin CLI")
struct CLITests {
    /// The built executable, beside the test bundle.
    static var executable: URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("mutasi")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("mutasi")
    }

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ arguments: [String], db: TestDatabase, env extra: [String: String] = [:], timeout: Int = 300) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["DATABASE_URL"] = db.appURL
        env["MIGRATION_DATABASE_URL"] = db.ownerURL
        env["SQL_DIR"] = db.sqlDirectory.path
        env["BCRYPT_COST"] = "4"
        env.merge(extra) { _, new in new }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // A command that hangs fails its test instead of stalling the whole suite.
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeout)) {
            if process.isRunning { process.terminate() }
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test("migrate, seed, create and list tenants, verify the audit trail")
    func operatorSession() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let migrate = try Self.run(["migrate"], db: db)
        #expect(migrate.status == 0, "\(migrate.stderr)")
        #expect(try Self.run(["migrate"], db: db).stdout.contains("mutakhir"))
        let seed = try Self.run(["demo", "seed"], db: db)
        #expect(seed.status == 0, "\(seed.stderr)")
        #expect(seed.stdout.contains("kota-kupang"))

        let create = try Self.run(["tenant", "create", "--operator", "bkn-denpasar", "--code", "kab-kupang",
                                   "--name", "Pemerintah Kabupaten Kupang", "--kind", "regency", "--region-code", "53.01"], db: db)
        #expect(create.status == 0, "\(create.stderr)")
        let list = try Self.run(["tenant", "list", "--operator", "bkn-denpasar"], db: db)
        #expect(list.stdout.contains("kab-kupang"))
        #expect(!list.stdout.contains("provinsi-sabangau"))   // another office's tenant

        let refused = try Self.run(["tenant", "create", "--operator", "kota-kupang/admin", "--code", "kab-x",
                                    "--name", "X", "--kind", "regency", "--region-code", "53.02"], db: db)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("auth.forbidden"))
        #expect(refused.stdout.isEmpty)

        let bad = try Self.run(["tenant", "create", "--operator", "bkn-denpasar", "--code", "kab-y",
                                "--name", "Y", "--kind", "regency", "--region-code", "5301"], db: db)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("region_code.invalid"))

        // Offices and their areas: Kanreg VIII's admin cannot create a tenant in NTT (53) until
        // the platform admin adds it to the area.
        let offices = try Self.run(["bkn-office", "list"], db: db)
        #expect(offices.stdout.contains("kanreg-x") && offices.stdout.contains("51,52,53"), "\(offices.stdout)")
        let outside = try Self.run(["tenant", "create", "--operator", "bkn-banjarmasin", "--code", "kab-belu",
                                    "--name", "Pemerintah Kabupaten Belu", "--kind", "regency", "--region-code", "53.04"], db: db)
        #expect(outside.status != 0)
        #expect(outside.stderr.contains("tenant.region_outside_office_area"))
        let badArea = try Self.run(["bkn-office", "set-area", "--code", "kanreg-viii", "--provinces", "62,6"], db: db)
        #expect(badArea.status != 0)
        #expect(badArea.stderr.contains("region_code.invalid"))
        let widened = try Self.run(["bkn-office", "set-area", "--code", "kanreg-viii", "--provinces", "62,63,64,65,53"], db: db)
        #expect(widened.status == 0, "\(widened.stderr)")
        #expect(widened.stdout.contains("53, 62, 63, 64, 65"))
        let inside = try Self.run(["tenant", "create", "--operator", "bkn-banjarmasin", "--code", "kab-belu",
                                   "--name", "Pemerintah Kabupaten Belu", "--kind", "regency", "--region-code", "53.04"], db: db)
        #expect(inside.status == 0, "\(inside.stderr)")
        let created = try Self.run(["bkn-office", "create", "--code", "kanreg-ii", "--name", "Kanreg II BKN Surabaya",
                                    "--provinces", "35"], db: db)
        #expect(created.status == 0, "\(created.stderr)")

        let verify = try Self.run(["audit", "verify"], db: db)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("utuh"))
        try await db.tamper(scope: UUID(uuidString: "00000000-0000-0000-0000-000000000000")!, [
            "UPDATE audit_events SET entity_id = 'x' WHERE tenant_id = '00000000-0000-0000-0000-000000000000' AND seq = 1",
        ])
        let broken = try Self.run(["audit", "verify"], db: db)
        #expect(broken.status == 3)
        #expect(broken.stdout.contains("RUSAK"))
    }
}
