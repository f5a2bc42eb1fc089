// Basic value types shared by every layer of Shoal: ids, states, and the error-or-value Result.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace shoal {

// A torrent's id in the library: assigned when it is first added, kept for the library's life, never
// reused. Small and stable, so an RPC (Transmission's integer ids) can use it as is.
using TorrentId = std::int64_t;
inline constexpr TorrentId kNoTorrent = 0;

enum class ErrorCode {
    InvalidArgument,  // a caller's value is out of range or malformed
    BadInput,         // a .torrent, magnet, hash or file the user gave cannot be used
    NotFound,         // no such torrent, file or index
    Io,               // the disk said no (unwritable, full, missing)
    Network,          // a socket could not be bound or reached
    Cancelled,
    Timeout,
    Internal,
};

// One line a person can act on, e.g. "not a torrent file: x.torrent: expected 'd' at offset 0".
struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;
};

inline Error makeError(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }

// Errors are values at the edges: parsers and commands return a Result instead of throwing.
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error error) : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    const Error& error() const { return std::get<1>(v_); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

private:
    std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), ok_(false) {}

    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const Error& error() const { return error_; }

private:
    Error error_;
    bool ok_ = true;
};

// Hex-encoded info-hashes; an empty string means the torrent has no hash of that kind.
struct InfoHashes {
    std::string v1;  // 40 hex (SHA-1 of the info dict)
    std::string v2;  // 64 hex (SHA-256 of the info dict)
    // The hash a person and the DHT know the torrent by: v1 if present, else v2.
    const std::string& best() const { return v1.empty() ? v2 : v1; }
    bool operator==(const InfoHashes&) const = default;
};

enum class TorrentState {
    Stopped,              // paused by the user (or by a reached seeding goal) before completing
    Completed,            // stopped with everything wanted downloaded
    QueuedForCheck,
    Checking,             // hashing files on disk
    DownloadingMetadata,  // magnet: waiting for the info dict from peers
    QueuedForDownload,    // held back by the active-downloads limit
    Downloading,
    QueuedForSeed,        // held back by the active-seeds limit
    Seeding,
    Moving,               // move storage in progress
    Errored,              // see TorrentStatus::error
};

const char* toString(TorrentState state);

// Priorities use libtorrent's scale so that no mapping can drift.
enum class FilePriority : std::uint8_t { Skip = 0, Low = 1, Normal = 4, High = 7 };

enum class RemoveMode { KeepData, DeleteData };

enum class QueueMove { Top, Up, Down, Bottom };

}  // namespace shoal
