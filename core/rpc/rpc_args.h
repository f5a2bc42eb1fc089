// Numbers from an RPC caller, checked before anything multiplies or narrows them: a value out of range is
// a one-line error naming the key and the range, never a wrapped int (issue 17: 2,097,152 kB/s * 1024
// overflowed and the limit silently became "unlimited" or negative).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "rpc/rpc_context.h"

namespace shoal::rpc {

// Speeds: Transmission counts kB/s (1024 bytes); Shoal keeps bytes/s in an int.
inline constexpr std::int64_t kMaxSpeedKBps = std::numeric_limits<int>::max() / 1024;
inline constexpr std::int64_t kMaxSpeedBytes = std::numeric_limits<int>::max();
inline constexpr std::int64_t kMaxPeerLimit = 65535;  // Transmission's limit is 16 bits too
inline constexpr std::int64_t kMaxQueueSize = 1'000'000;
inline constexpr double kMaxRatio = 1'000'000.0;
inline constexpr std::int64_t kMaxSeedSeconds = 100LL * 366 * 24 * 3600;  // a century

// `key` of `args` as an integer in [min, max]: nullopt when absent, an error (InvalidArgument) when it is
// not a whole number or out of range. A float with no fraction (100.0) counts as the integer.
Result<std::optional<std::int64_t>> integerArg(const json& args, const char* key, std::int64_t min,
                                               std::int64_t max);
// `key` as a number in [min, max]; likewise.
Result<std::optional<double>> realArg(const json& args, const char* key, double min, double max);

// shoal-file-priorities: one of 0 (skip), 1 (low), 4 (normal), 7 (high) per file; any other entry is an
// error (an arbitrary int cast to the enum would reach libtorrent as a priority it does not know).
Result<std::vector<FilePriority>> filePrioritiesArg(const json& list);

// Reads several arguments in a row and keeps the first error, so a method checks everything before it
// changes anything:  ArgReader r(args); auto v = r.integer("x", 0, 9); ... if (r.error()) return ...;
class ArgReader {
public:
    explicit ArgReader(const json& args) : args_(args) {}
    std::optional<std::int64_t> integer(const char* key, std::int64_t min, std::int64_t max);
    std::optional<double> real(const char* key, double min, double max);
    const std::optional<Error>& error() const { return error_; }

private:
    const json& args_;
    std::optional<Error> error_;
};

}  // namespace shoal::rpc
