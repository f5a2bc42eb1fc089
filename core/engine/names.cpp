// Stable names for states and events: used in CLI output, JSON and logs, so never rename one.
#include "shoal/events.h"
#include "shoal/types.h"

namespace shoal {

const char* toString(TorrentState state) {
    switch (state) {
        case TorrentState::Stopped: return "stopped";
        case TorrentState::Completed: return "completed";
        case TorrentState::QueuedForCheck: return "queued_check";
        case TorrentState::Checking: return "checking";
        case TorrentState::DownloadingMetadata: return "metadata";
        case TorrentState::QueuedForDownload: return "queued_download";
        case TorrentState::Downloading: return "downloading";
        case TorrentState::QueuedForSeed: return "queued_seed";
        case TorrentState::Seeding: return "seeding";
        case TorrentState::Moving: return "moving";
        case TorrentState::Errored: return "error";
    }
    return "unknown";
}

const char* toString(EventType type) {
    switch (type) {
        case EventType::Listening: return "listening";
        case EventType::ListenFailed: return "listen_failed";
        case EventType::Added: return "added";
        case EventType::MetadataReceived: return "metadata";
        case EventType::Finished: return "finished";
        case EventType::Errored: return "error";
        case EventType::Removed: return "removed";
        case EventType::Changed: return "changed";
        case EventType::PeerBanned: return "peer_banned";
        case EventType::HashFailed: return "hash_failed";
        case EventType::GoalReached: return "goal_reached";
        case EventType::ResumeSaved: return "resume_saved";
    }
    return "unknown";
}

}  // namespace shoal
