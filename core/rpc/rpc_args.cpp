// Range-checked numeric arguments (see rpc_args.h).
#include "rpc/rpc_args.h"

#include <fmt/format.h>

#include <cmath>

namespace shoal::rpc {

namespace {

Error outOfRange(const char* key, const std::string& range, const json& value) {
    return makeError(ErrorCode::InvalidArgument,
                     fmt::format("{} must be {}, not {}", key, range,
                                 value.dump(-1, ' ', false, json::error_handler_t::replace)));
}

}  // namespace

Result<std::optional<std::int64_t>> integerArg(const json& args, const char* key, std::int64_t min,
                                               std::int64_t max) {
    const auto it = args.find(key);
    if (it == args.end()) return std::optional<std::int64_t>();
    const std::string range = fmt::format("a whole number from {} to {}", min, max);
    if (it->is_number_unsigned()) {
        const auto v = it->get<std::uint64_t>();
        if (v > static_cast<std::uint64_t>(max) || static_cast<std::int64_t>(v) < min)
            return outOfRange(key, range, *it);
        return std::optional(static_cast<std::int64_t>(v));
    }
    if (it->is_number_integer()) {
        const auto v = it->get<std::int64_t>();
        if (v < min || v > max) return outOfRange(key, range, *it);
        return std::optional(v);
    }
    if (it->is_number_float()) {
        // Compared as doubles before any conversion: a cast of 1e300 to an integer is undefined.
        const double v = it->get<double>();
        if (!std::isfinite(v) || std::trunc(v) != v || v < static_cast<double>(min) ||
            v > static_cast<double>(max))
            return outOfRange(key, range, *it);
        return std::optional(static_cast<std::int64_t>(v));
    }
    return outOfRange(key, range, *it);
}

Result<std::optional<double>> realArg(const json& args, const char* key, double min, double max) {
    const auto it = args.find(key);
    if (it == args.end()) return std::optional<double>();
    if (!it->is_number()) return outOfRange(key, fmt::format("a number from {} to {}", min, max), *it);
    const double v = it->get<double>();
    if (!std::isfinite(v) || v < min || v > max)
        return outOfRange(key, fmt::format("a number from {} to {}", min, max), *it);
    return std::optional(v);
}

Result<std::vector<FilePriority>> filePrioritiesArg(const json& list) {
    if (!list.is_array())
        return makeError(ErrorCode::InvalidArgument, "shoal-file-priorities must be an array of priorities");
    std::vector<FilePriority> out;
    out.reserve(list.size());
    for (const json& item : list) {
        const std::int64_t p = item.is_number_integer() ? item.get<std::int64_t>() : -1;
        if (p != 0 && p != 1 && p != 4 && p != 7)
            return outOfRange("each of shoal-file-priorities", "0, 1, 4 or 7", item);
        out.push_back(static_cast<FilePriority>(p));
    }
    return out;
}

std::optional<std::int64_t> ArgReader::integer(const char* key, std::int64_t min, std::int64_t max) {
    if (error_) return std::nullopt;
    auto v = integerArg(args_, key, min, max);
    if (!v) {
        error_ = v.error();
        return std::nullopt;
    }
    return v.value();
}

std::optional<double> ArgReader::real(const char* key, double min, double max) {
    if (error_) return std::nullopt;
    auto v = realArg(args_, key, min, max);
    if (!v) {
        error_ = v.error();
        return std::nullopt;
    }
    return v.value();
}

}  // namespace shoal::rpc
