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

    /// Reclaiming is advice: the process goes on running the code it just gave back.
    @Test func theKernelTakesTheAdviceAndTheCodeStillRuns() {
      #expect(StartupPages.release() == StartupPages.binaryMappings().count)
      #expect(StartupPages.binaryMappings().count > 0)
    }
  #endif
}
