#if canImport(Glibc)
  import Glibc
#endif

/// Gives the kernel back the pages of the binary that only start-up touched.
///
/// Start-up reads far more of the executable than serving does: the dynamic loader, the Swift
/// runtime's metadata and conformance scans, argument parsing, TLS and logging set-up. Those are
/// clean, file-backed pages, which the kernel would reclaim under memory pressure anyway, but until
/// then they count in the process's resident memory and in its container's. Once the server is
/// listening, `MADV_PAGEOUT` (Linux 5.4+) reclaims the pages of the binary's mappings at once; the
/// pages each call needs come back on their first touch (read from the binary again), so what stays
/// resident is what serving uses. Nothing is lost: written pages are only ever swapped, and without
/// swap they stay. The kernel drops file pages only for the file's owner (`can_do_file_pageout`),
/// which the image makes the user the server runs as; for anyone else the advice does nothing.
enum StartupPages {
  /// `MADV_PAGEOUT` from `<linux/mman.h>`.
  static let pageOut: Int32 = 21

  /// The binary's mappings, from `/proc/self/maps`.
  static func binaryMappings() -> [(start: UInt, end: UInt)] {
    #if canImport(Glibc)
      var buffer = [CChar](repeating: 0, count: 4096)
      let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
      guard length > 0, let file = fopen("/proc/self/maps", "r") else { return [] }
      defer { fclose(file) }
      let binary = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      var mappings: [(UInt, UInt)] = []
      var line = [CChar](repeating: 0, count: 4096)
      while fgets(&line, Int32(line.count), file) != nil {
        let text = String(decoding: line.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let fields = text.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 6, fields[5] == binary else { continue }
        let range = fields[0].split(separator: "-")
        guard range.count == 2, let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16) else { continue }
        mappings.append((start, end))
      }
      return mappings
    #else
      return []
    #endif
  }

  /// Reclaims the binary's clean pages; returns how many mappings the kernel took the advice for.
  @discardableResult
  static func release() -> Int {
    #if canImport(Glibc)
      var advised = 0
      for (start, end) in binaryMappings() {
        let address = UnsafeMutableRawPointer(bitPattern: start)
        if madvise(address, Int(end - start), pageOut) == 0 { advised += 1 }
      }
      return advised
    #else
      return 0
    #endif
  }
}
