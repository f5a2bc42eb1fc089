// The General tab: what a torrent is (hashes, size, pieces, creator, comment, magnet link) and how it
// has fared (transfer totals, ratio, waste, times). Every value is a selectable label named
// "<key>Value" so tests and screen readers can find it.
//
// Threads: GUI thread only.
#pragma once

#include <QHash>
#include <QString>

#include "details/details_tab.h"

class QFormLayout;
class QLabel;

namespace shoal::gui {

class GeneralTab : public DetailsTab {
    Q_OBJECT

public:
    explicit GeneralTab(QWidget* parent = nullptr);

    void setTorrent(TorrentId id) override;
    void showDetails(const TorrentDetails& details) override;

    // The text shown for `key` (e.g. "name", "hashV1", "magnet"); empty for an unknown key.
    QString value(const QString& key) const;

private:
    void addRow(QFormLayout* form, const QString& key, const QString& label, bool wrap = false);
    void set(const QString& key, const QString& text);

    QHash<QString, QLabel*> values_;
};

}  // namespace shoal::gui
