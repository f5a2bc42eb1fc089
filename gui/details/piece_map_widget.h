// A drawn map of a torrent's pieces: a strip of availability (copies among connected peers) above a
// grid with one cell per piece, have / downloading / missing. When the pieces do not fit at the smallest
// cell size, each cell stands for a bin of consecutive pieces and is shaded by the fraction it has.
//
// Threads: GUI thread only.
#pragma once

#include <QColor>
#include <QWidget>
#include <vector>

namespace shoal::gui {

class PieceMapWidget : public QWidget {
    Q_OBJECT

public:
    explicit PieceMapWidget(QWidget* parent = nullptr);

    // `have` is the bitfield (its size is the piece count); `availability` per piece (may be empty);
    // `downloading` lists piece indices in progress. Repaints only if something changed.
    void setPieces(std::vector<bool> have, std::vector<int> availability, std::vector<int> downloading);
    void clear();

    int pieceCount() const { return static_cast<int>(have_.size()); }
    // Pieces per cell in the current layout (1 when every piece has its own cell).
    int piecesPerCell() const;

    static QColor haveColor() { return {0x1f, 0x4e, 0x9a}; }
    static QColor missingColor() { return {0xdd, 0xe5, 0xee}; }
    static QColor downloadingColor() { return {0xf0, 0x8c, 0x00}; }
    static QColor unavailableColor() { return {0xd0, 0x2c, 0x2c}; }
    // Availability `copies` on a scale up to `most`: 0 is red, more copies are darker.
    static QColor availabilityColor(int copies, int most);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Layout {
        int stride = 0;  // cell size plus its gap, in pixels
        int columns = 0;
        int cells = 0;
        int perCell = 1;
    };
    Layout layoutFor(const QRect& area) const;
    QRect gridArea() const;
    QRect stripArea() const;

    std::vector<bool> have_;
    std::vector<int> availability_;
    std::vector<bool> downloading_;  // per piece, from the index list
};

}  // namespace shoal::gui
