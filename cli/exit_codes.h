// The CLI's exit codes: stable, documented in README and the man page; scripts depend on them.
#pragma once

#include "shoal/types.h"

namespace shoal::cli {

enum ExitCode : int {
    kOk = 0,
    kFailure = 1,   // runtime failure: cannot listen, data does not match, interrupted download
    kUsage = 2,     // unknown option, bad value
    kBadInput = 3,  // missing or malformed .torrent/magnet/hash, unwritable output directory
};

// Errors from the core: what the user gave was wrong (3), or something failed while running (1).
inline int exitCodeFor(const Error& error) {
    switch (error.code) {
        case ErrorCode::BadInput:
        case ErrorCode::Io: return kBadInput;
        case ErrorCode::InvalidArgument: return kUsage;
        default: return kFailure;
    }
}

}  // namespace shoal::cli
