// Alerts of the network: the session listening (or not), and peers that sent bad data.
#include <libtorrent/alert_types.hpp>

#include "engine/engine_impl.h"

namespace shoal {

using engine::TorrentEntry;

namespace {

std::string endpointText(const lt::address& address, int port) {
    return address.is_v6() ? "[" + address.to_string() + "]:" + std::to_string(port)
                           : address.to_string() + ":" + std::to_string(port);
}

}  // namespace

void LocalSession::Impl::onListening(const lt::listen_succeeded_alert& a) {
    if (a.socket_type != lt::socket_type_t::tcp) return;
    const std::string endpoint = endpointText(a.address, a.port);
    registry.updateTotals([&](SessionTotals& t, const auto&) { t.listenEndpoints.push_back(endpoint); });
    emit(Event{EventType::Listening, kNoTorrent, {}, endpoint});
}

void LocalSession::Impl::onListenFailed(const lt::listen_failed_alert& a) {
    if (a.socket_type != lt::socket_type_t::tcp) return;
    emit(Event{
        EventType::ListenFailed, kNoTorrent, {}, endpointText(a.address, a.port) + ": " + a.error.message()});
}

void LocalSession::Impl::onHashFailed(TorrentEntry& entry, const lt::hash_failed_alert& a) {
    ++entry.hashFailures;
    const TorrentId id = entry.row.id;
    emit(Event{EventType::HashFailed, id, {id}, std::to_string(static_cast<int>(a.piece_index))});
}

void LocalSession::Impl::onPeerBanned(TorrentEntry& entry, const lt::peer_ban_alert& a) {
    const TorrentId id = entry.row.id;
    emit(Event{EventType::PeerBanned, id, {id}, endpointText(a.endpoint.address(), a.endpoint.port())});
}

}  // namespace shoal
