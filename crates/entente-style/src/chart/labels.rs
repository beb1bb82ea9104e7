//! Label placement for node diagrams: every label beside its point, inside the drawing, and clear of
//! the other labels and points (greedy, in the order given: put the important points first).

use super::text_width;

/// A rectangle, `x`/`y` its top left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// The overlapping area of two rectangles (0 when apart or touching).
    pub fn overlap(&self, o: &Rect) -> f64 {
        let w = (self.x + self.w).min(o.x + o.w) - self.x.max(o.x);
        let h = (self.y + self.h).min(o.y + o.h) - self.y.max(o.y);
        if w > 0.0 && h > 0.0 {
            w * h
        } else {
            0.0
        }
    }
}

/// A point to label: a node of radius `r` at (`x`, `y`).
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    /// Centre.
    pub x: f64,
    /// Centre.
    pub y: f64,
    /// The node's radius.
    pub r: f64,
    /// The label.
    pub text: String,
}

/// A placed label: its baseline start, its `text-anchor` and its box.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The `x` attribute.
    pub x: f64,
    /// The `y` attribute (baseline).
    pub y: f64,
    /// `start`, `middle` or `end`.
    pub anchor: &'static str,
    /// The label's box (with a little padding).
    pub rect: Rect,
}

/// Places each anchor's label at `font_size` within `width` × `height`, trying right, left, above,
/// below and the diagonals at growing distances, and keeping it off earlier labels, off every node and
/// off the `obstacles`. When nothing is free it takes the position with the least overlap.
pub fn place(
    anchors: &[Anchor],
    font_size: f64,
    width: f64,
    height: f64,
    obstacles: &[Rect],
) -> Vec<Placed> {
    let pad = 1.5;
    let nodes: Vec<Rect> = anchors
        .iter()
        .map(|a| Rect {
            x: a.x - a.r,
            y: a.y - a.r,
            w: 2.0 * a.r,
            h: 2.0 * a.r,
        })
        .collect();
    let mut placed: Vec<Placed> = Vec::with_capacity(anchors.len());
    for (i, a) in anchors.iter().enumerate() {
        let tw = text_width(&a.text, font_size);
        let th = font_size;
        let mut best: Option<(f64, Placed)> = None;
        // Try the sides facing away from the other points first.
        let n = anchors.len().max(1) as f64;
        let (cx, cy) = (
            anchors.iter().map(|b| b.x).sum::<f64>() / n,
            anchors.iter().map(|b| b.y).sum::<f64>() / n,
        );
        let (dx, dy) = (a.x - cx, a.y - cy);
        'search: for k in [1.0, 1.8, 2.8, 4.0] {
            let g = a.r + 3.0 * k;
            // (x of the box's left, y of its top, text-anchor)
            let mut cands = [
                (a.x + g, a.y - th / 2.0, "start"),
                (a.x - g - tw, a.y - th / 2.0, "end"),
                (a.x - tw / 2.0, a.y - g - th, "middle"),
                (a.x - tw / 2.0, a.y + g, "middle"),
                (a.x + g * 0.7, a.y - g * 0.7 - th, "start"),
                (a.x + g * 0.7, a.y + g * 0.7, "start"),
                (a.x - g * 0.7 - tw, a.y - g * 0.7 - th, "end"),
                (a.x - g * 0.7 - tw, a.y + g * 0.7, "end"),
            ];
            if dx.hypot(dy) > 1e-6 {
                let facing = |c: &(f64, f64, &str)| {
                    let (ox, oy) = (c.0 + tw / 2.0 - a.x, c.1 + th / 2.0 - a.y);
                    -(ox * dx + oy * dy) / (ox.hypot(oy).max(1e-9) * dx.hypot(dy))
                };
                cands.sort_by(|p, q| facing(p).total_cmp(&facing(q)));
            }
            for (bx, by, anchor) in cands {
                let rect = Rect {
                    x: bx - pad,
                    y: by - pad,
                    w: tw + 2.0 * pad,
                    h: th + 2.0 * pad,
                };
                let mut cost = 0.0;
                if rect.x < 0.0
                    || rect.y < 0.0
                    || rect.x + rect.w > width
                    || rect.y + rect.h > height
                {
                    cost += 1e6;
                }
                cost += placed.iter().map(|p| p.rect.overlap(&rect)).sum::<f64>() * 10.0;
                cost += nodes
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, n)| n.overlap(&rect))
                    .sum::<f64>();
                cost += obstacles.iter().map(|o| o.overlap(&rect)).sum::<f64>();
                let x = match anchor {
                    "start" => bx,
                    "end" => bx + tw,
                    _ => bx + tw / 2.0,
                };
                let p = Placed {
                    x,
                    y: by + th * 0.8,
                    anchor,
                    rect,
                };
                if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                    best = Some((cost, p));
                }
                if cost == 0.0 {
                    break 'search;
                }
            }
        }
        if let Some((_, p)) = best {
            placed.push(p);
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crowded_points_get_labels_that_do_not_overlap() {
        // Points on tight rings: the labels must fan out without colliding.
        for (n, radius) in [(6, 30.0), (10, 36.0), (12, 40.0), (16, 52.0)] {
            let anchors: Vec<Anchor> = (0..n)
                .map(|i| {
                    let t = f64::from(i) / f64::from(n) * std::f64::consts::TAU;
                    Anchor {
                        x: 200.0 + radius * t.cos(),
                        y: 200.0 + radius * t.sin(),
                        r: 5.0,
                        text: format!("ST{i}"),
                    }
                })
                .collect();
            let p = place(&anchors, 12.0, 400.0, 400.0, &[]);
            assert_eq!(p.len(), anchors.len());
            for (i, a) in p.iter().enumerate() {
                for b in &p[i + 1..] {
                    assert_eq!(a.rect.overlap(&b.rect), 0.0, "{n}: {a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn labels_stay_inside_the_drawing() {
        let anchors = vec![Anchor {
            x: 395.0,
            y: 5.0,
            r: 4.0,
            text: "A long label at the corner".into(),
        }];
        let p = place(&anchors, 12.0, 400.0, 400.0, &[]);
        let r = p[0].rect;
        assert!(r.x >= 0.0 && r.x + r.w <= 400.0 && r.y >= 0.0, "{r:?}");
    }
}
