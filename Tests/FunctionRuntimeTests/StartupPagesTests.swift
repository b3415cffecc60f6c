import Testing

@testable import FunctionRuntime

/// The server hands the kernel back the binary's start-up pages once it listens; what it finds and
/// advises is checked here (the resident memory itself is a benchmark's figure, not a test's).
struct StartupPagesTests {
  #if os(Linux)
    @Test func findsTheBinarysMappings() {
      let mappings = StartupPages.binaryMappings()
      #expect(!mappings.isEmpty)
      #expect(mappings.allSatisfy { $0.start < $0.end })
    }

    /// Reclaiming is advice, which a kernel may refuse (before 5.4, or a sandbox): the process goes
    /// on running the code it gave back either way.
    @Test func theCodeStillRunsAfterTheAdvice() {
      let advised = StartupPages.release()
      #expect((0...StartupPages.binaryMappings().count).contains(advised))
      #expect(!StartupPages.binaryMappings().isEmpty)
    }
  #endif
}
