import ArgumentParser
import Crypto
import Foundation
import MutasiDomain
import MutasiServices

/// `mutasi audit verify|checkpoint|keygen`: check the hash chains (exit 3 and the first broken
/// link when one is broken), optionally against a signed checkpoint; write such checkpoints; make
/// their Ed25519 key pair.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Jejak audit.", subcommands: [Verify.self, Checkpoint.self, Keygen.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify", abstract: "Periksa keutuhan rantai hash jejak audit, bila perlu terhadap checkpoint bertanda tangan.")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Tenant code; omit to check the platform and every tenant (platform admins).") var tenant: String?
        @Option(help: "A signed checkpoint (from `audit checkpoint`) the chains must still agree with.") var checkpoint: String?
        @Option(name: .customLong("public-key"), help: "The checkpoint's Ed25519 public key (PEM).") var publicKey: String?

        func validate() throws {
            if (checkpoint == nil) != (publicKey == nil) {
                throw ValidationError("--checkpoint dan --public-key harus diberikan bersama.")
            }
        }

        func run() async throws {
            let pinned = try loadCheckpoint()
            let (login, tenantCode) = (op.login, tenant)
            let results = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                if let tenantID = try await UserCommand.tenantID(tenantCode, s, actor) {
                    let head = pinned?.chains.first { $0.scope == ScopeID(tenantID) }
                    return [try await s.audit.verify(actor: actor, tenantID: tenantID, against: head)]
                }
                return try await s.audit.verifyAll(actor: actor, against: pinned?.chains ?? [])
            }
            if let pinned {
                print("checkpoint \(ISO8601DateFormatter().string(from: pinned.createdAt)): tanda tangan sah")
            }
            for result in results {
                let scope = result.scope.isPlatform ? "platform" : result.scope.description
                if result.intact {
                    print("utuh   \(scope): \(result.eventsChecked) peristiwa")
                } else {
                    print("RUSAK  \(scope): mata rantai \(result.firstBrokenSeq!) — \(result.problem ?? "")")
                }
            }
            if results.contains(where: { !$0.intact }) { throw ExitCode(3) }
        }

        /// The checkpoint, its signature checked; a bad file ends the command before any database work.
        func loadCheckpoint() throws -> AuditCheckpoint? {
            guard let checkpoint, let publicKey else { return nil }
            do {
                let key = try AuditSigningKey.publicKey(pem: try AuditFiles.text(publicKey))
                return try AuditCheckpoint.verified(try AuditFiles.data(checkpoint), key: key)
            } catch {
                throw CLI.fail(error)
            }
        }
    }

    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoint", abstract: "Tulis checkpoint bertanda tangan (Ed25519) dari kepala setiap rantai.")
        @OptionGroup var op: OperatorOptions
        @Option(help: "The Ed25519 private key (PEM, from `audit keygen`), kept outside the database.") var key: String
        @Option(help: "Where to write the checkpoint; standard output when omitted.") var output: String?

        func run() async throws {
            let signingKey: Curve25519.Signing.PrivateKey
            do {
                signingKey = try AuditSigningKey.privateKey(pem: try AuditFiles.privateText(key))
            } catch {
                throw CLI.fail(error)
            }
            let login = op.login
            let heads = try await CLI.withServices { s in
                try await s.audit.heads(actor: try await s.operators.principal(login: login))
            }
            do {
                let file = try AuditCheckpoint(createdAt: Date(), chains: heads).signed(with: signingKey)
                if let output {
                    try file.write(to: URL(fileURLWithPath: output), options: .atomic)
                    CLI.printError("checkpoint \(heads.count) rantai ditulis ke \(output)")
                } else {
                    FileHandle.standardOutput.write(file)
                }
            } catch {
                throw CLI.fail(error)
            }
        }
    }

    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keygen", abstract: "Buat pasangan kunci Ed25519 untuk checkpoint jejak audit.")
        @Option(name: .customLong("private"), help: "Where to write the private key (mode 0600; never overwritten).") var privatePath: String
        @Option(name: .customLong("public"), help: "Where to write the public key (never overwritten).") var publicPath: String

        func run() throws {
            let key = Curve25519.Signing.PrivateKey()
            do {
                for path in [privatePath, publicPath] where FileManager.default.fileExists(atPath: path) {
                    throw DomainError.conflict("audit.key_exists", "\(path) already exists; it is not overwritten.")
                }
                try AuditFiles.create(privatePath, AuditSigningKey.pem(key), mode: 0o600)
                try AuditFiles.create(publicPath, AuditSigningKey.pem(key.publicKey), mode: 0o644)
            } catch {
                throw CLI.fail(error)
            }
            print("kunci privat: \(privatePath) (simpan di luar basis data)")
            print("kunci publik: \(publicPath) (id \(AuditSigningKey.keyID(key.publicKey)))")
        }
    }
}
