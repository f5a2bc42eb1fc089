// "Add magnet links": a text box taking one magnet link (or bare info-hash) per line. OK stays disabled
// until every non-empty line looks like one; the first bad line is named inline.
//
// Threads: GUI thread only. The caller adds each link (through AddTorrentDialog or the bridge).
#pragma once

#include <QDialog>
#include <QStringList>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace shoal::gui {

class MagnetDialog : public QDialog {
    Q_OBJECT

public:
    // Pre-filled with the clipboard's text when it holds magnet links (the common way to get here).
    explicit MagnetDialog(QWidget* parent = nullptr);

    void setText(const QString& text);
    // The non-empty lines, trimmed, in order.
    QStringList links() const;
    QString errorText() const;

private:
    void check();

    QPlainTextEdit* edit_ = nullptr;
    QLabel* error_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
};

// True for "magnet:?..." and for a bare 40- or 64-digit hex info-hash.
bool looksLikeMagnet(const QString& line);

}  // namespace shoal::gui
