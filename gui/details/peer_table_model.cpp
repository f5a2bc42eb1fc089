// The peers table: incremental updates keyed by address, display and sort values per column.
#include "details/peer_table_model.h"

#include <QSet>

#include "model/format.h"

namespace shoal::gui {

namespace {
bool samePeer(const PeerInfo& a, const PeerInfo& b) {
    return a.client == b.client && a.flags == b.flags && a.source == b.source && a.progress == b.progress &&
           a.downloadRate == b.downloadRate && a.uploadRate == b.uploadRate && a.downloaded == b.downloaded &&
           a.uploaded == b.uploaded && a.isSeed == b.isSeed && a.utp == b.utp && a.encrypted == b.encrypted;
}

QString connectionName(const PeerInfo& p) {
    const QString transport = p.utp ? QStringLiteral("μTP") : QStringLiteral("TCP");
    return p.encrypted ? PeerTableModel::tr("%1, encrypted").arg(transport) : transport;
}

QString sourceName(const std::string& source) {
    if (source == "tracker") return PeerTableModel::tr("Tracker");
    if (source == "dht") return PeerTableModel::tr("DHT");
    if (source == "pex") return PeerTableModel::tr("PEX");
    if (source == "lsd") return PeerTableModel::tr("LSD");
    if (source == "incoming") return PeerTableModel::tr("Incoming");
    if (source == "direct") return PeerTableModel::tr("Added by hand");
    return QString::fromStdString(source);
}
}  // namespace

PeerTableModel::PeerTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int PeerTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(peers_.size());
}

int PeerTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString PeerTableModel::explainFlags(const QString& flags) {
    static const struct {
        char letter;
        const char* text;
    } legend[] = {
        {'D', QT_TR_NOOP("downloading from the peer (interested, not choked)")},
        {'d', QT_TR_NOOP("we want to download, the peer chokes us")},
        {'U', QT_TR_NOOP("uploading to the peer (interested, not choked)")},
        {'u', QT_TR_NOOP("the peer wants to download, we choke it")},
        {'K', QT_TR_NOOP("the peer unchoked us, but we are not interested")},
        {'?', QT_TR_NOOP("we unchoked the peer, but it is not interested")},
        {'S', QT_TR_NOOP("snubbed: the peer has sent nothing for a while")},
        {'I', QT_TR_NOOP("incoming connection")},
        {'E', QT_TR_NOOP("RC4 encrypted")},
        {'e', QT_TR_NOOP("encrypted handshake, plaintext payload")},
        {'P', QT_TR_NOOP("μTP connection")},
        {'X', QT_TR_NOOP("found through peer exchange (PEX)")},
        {'H', QT_TR_NOOP("found through the DHT")},
        {'L', QT_TR_NOOP("local peer (found through LSD)")},
    };
    QStringList lines;
    for (const auto& entry : legend) {
        if (flags.isEmpty() || flags.contains(QLatin1Char(entry.letter)))
            lines << QStringLiteral("%1: %2").arg(QLatin1Char(entry.letter)).arg(tr(entry.text));
    }
    return lines.join(QLatin1Char('\n'));
}

QVariant PeerTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const PeerInfo& p = peers_[static_cast<std::size_t>(index.row())];
    if (role == ProgressRole) return index.column() == Progress ? QVariant(p.progress) : QVariant();
    if (role == Qt::TextAlignmentRole) {
        if (index.column() >= DownRate)
            return static_cast<int>(Qt::AlignRight | Qt::AlignVCenter);  // int, as Qt 6.4 reads it
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Flags) return explainFlags(QString::fromStdString(p.flags));
        if (index.column() == Country) {
            return tr("Country lookup needs a GeoIP database, which Debian does not install by default.");
        }
        return {};
    }
    if (role == SortRole) {
        switch (index.column()) {
            case Progress:
                return p.progress;
            case DownRate:
                return p.downloadRate;
            case UpRate:
                return p.uploadRate;
            case Downloaded:
                return static_cast<qlonglong>(p.downloaded);
            case Uploaded:
                return static_cast<qlonglong>(p.uploaded);
            default:
                break;  // text columns sort by their text
        }
        role = Qt::DisplayRole;
    }
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
        case Country:
            return QStringLiteral("—");
        case Address:
            return QString::fromStdString(p.address);
        case Client:
            return QString::fromStdString(p.client);
        case Flags:
            return QString::fromStdString(p.flags);
        case Connection:
            return connectionName(p);
        case Source:
            return sourceName(p.source);
        case Progress:
            return QStringLiteral("%1 %").arg(p.progress * 100, 0, 'f', 1);
        case DownRate:
            return formatRate(p.downloadRate);
        case UpRate:
            return formatRate(p.uploadRate);
        case Downloaded:
            return formatSize(p.downloaded);
        case Uploaded:
            return formatSize(p.uploaded);
        default:
            return {};
    }
}

QVariant PeerTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::ToolTipRole) {
        if (section == Flags) return explainFlags(QString());
        if (section == Country) {
            return tr("Country lookup needs a GeoIP database, which Debian does not install by default.");
        }
        return {};
    }
    if (role != Qt::DisplayRole) return {};
    switch (section) {
        case Country:
            return tr("Country");
        case Address:
            return tr("Address");
        case Client:
            return tr("Client");
        case Flags:
            return tr("Flags");
        case Connection:
            return tr("Connection");
        case Source:
            return tr("Source");
        case Progress:
            return tr("Progress");
        case DownRate:
            return tr("Down speed");
        case UpRate:
            return tr("Up speed");
        case Downloaded:
            return tr("Downloaded");
        case Uploaded:
            return tr("Uploaded");
        default:
            return {};
    }
}

void PeerTableModel::update(const std::vector<PeerInfo>& peers) {
    QSet<QString> present;
    for (const PeerInfo& p : peers) present.insert(QString::fromStdString(p.address));

    // Gone peers leave in contiguous ranges, from the end so earlier row numbers stay valid.
    int row = rowCount() - 1;
    while (row >= 0) {
        if (present.contains(QString::fromStdString(peers_[static_cast<std::size_t>(row)].address))) {
            --row;
            continue;
        }
        const int last = row;
        while (row > 0 &&
               !present.contains(QString::fromStdString(peers_[static_cast<std::size_t>(row - 1)].address)))
            --row;
        beginRemoveRows({}, row, last);
        peers_.erase(peers_.begin() + row, peers_.begin() + last + 1);
        endRemoveRows();
        --row;
    }
    reindex();

    std::vector<PeerInfo> fresh;
    QSet<QString> freshAddresses;  // one row per address, even if a snapshot lists one twice
    for (const PeerInfo& p : peers) {
        const QString address = QString::fromStdString(p.address);
        const int at = rowByAddress_.value(address, -1);
        if (at < 0) {
            if (!freshAddresses.contains(address)) {
                freshAddresses.insert(address);
                fresh.push_back(p);
            }
            continue;
        }
        PeerInfo& old = peers_[static_cast<std::size_t>(at)];
        if (samePeer(old, p)) continue;
        old = p;
        Q_EMIT dataChanged(index(at, 0), index(at, ColumnCount - 1));
    }
    if (!fresh.empty()) {
        const int first = rowCount();
        beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
        for (PeerInfo& p : fresh) peers_.push_back(std::move(p));
        endInsertRows();
        reindex();
    }
}

void PeerTableModel::clear() {
    if (peers_.empty()) return;
    beginResetModel();  // a new torrent: nothing of the old selection is worth keeping
    peers_.clear();
    rowByAddress_.clear();
    endResetModel();
}

void PeerTableModel::reindex() {
    rowByAddress_.clear();
    for (std::size_t i = 0; i < peers_.size(); ++i)
        rowByAddress_.insert(QString::fromStdString(peers_[i].address), static_cast<int>(i));
}

}  // namespace shoal::gui
