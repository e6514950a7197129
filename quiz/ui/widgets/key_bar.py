"""The keys of the current screen in one line at the bottom, each clickable.

It does what Textual's Footer does for us, as one widget drawing one line: the Footer is a
widget per key, restyled and recomposed on every focus change, and added about 80 ms to
the first screen.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.style import Style
from textual.widget import Widget

GAP = "  "
TIGHT_GAP = " "  # when the keys do not all fit: one more key is worth a narrower gap


class KeyBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key { color: $footer-key-foreground; text-style: bold; }
        .key-bar--description { color: $footer-description-foreground; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spots: list[tuple[int, int, Binding, bool]] = []
        self._drawn: tuple[object, ...] | None = None  # the signature of what render() last drew

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        # Only when what it shows changes: each refresh costs a frame, and focus moves often.
        if self.is_attached and screen is self.screen and _signature(*self.entries()) != self._drawn:
            self.refresh()

    def entries(self) -> tuple[list[tuple[Binding, bool, bool]], tuple[Binding, bool] | None]:
        """The bindings shown (one per action, in screen order, with whether the app owns it)
        and the command palette's."""
        active = self.screen.active_bindings
        typing = getattr(self.screen, "LETTERS_ARE_TEXT", False)
        shown: dict[str, tuple[Binding, bool, bool]] = {}
        for node, binding, enabled, _tooltip in active.values():
            if typing and node is self.app and _is_letter(binding.key):
                continue  # that screen takes letters as text: the app's letter keys do nothing there
            if binding.show and binding.action not in shown:
                shown[binding.action] = (binding, enabled, node is self.app)
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            palette = (binding, enabled)
            shown.pop(binding.action, None)
        return list(shown.values()), palette

    def _label(self, binding: Binding) -> tuple[str, str]:
        return self.app.get_key_display(binding), " " + binding.description

    def _fit(
        self, shown: list[tuple[Binding, bool, bool]], room: int, gap: str = GAP
    ) -> list[tuple[Binding, bool, bool]]:
        """What fits in `room` cells: the screen's keys give way first, then its way out (Esc), the
        app's (help, quit) last: a narrow terminal must still say how to get back."""
        widths = [cell_len("".join(self._label(b))) + len(gap) for b, _, _ in shown]
        last_first = list(reversed(range(len(shown))))
        kept, total = set(last_first), sum(widths)

        def rank(i: int) -> int:
            binding, _enabled, app = shown[i]
            return 2 if app else 1 if "escape" in binding.key.split(",") else 0

        for drop in sorted(last_first, key=rank):  # stable: the last of each rank gives way first
            if total <= room:
                break
            kept.discard(drop)
            total -= widths[drop]
        return [shown[i] for i in sorted(kept)]

    def render(self) -> Content:
        key_style = self.get_visual_style("key-bar--key")
        text_style = self.get_visual_style("key-bar--description")
        dim = Style(dim=True)
        shown, palette = self.entries()
        self._drawn = _signature(shown, palette)
        width = self.size.width
        palette_width = cell_len("".join(self._label(palette[0]))) + 1 if palette else 0
        if palette and palette_width + 1 + 12 > width:
            palette = None  # too narrow: the keys matter more
        # The most keys that fit, trying the roomiest bar first: a narrower gap, then no palette
        # (another way to the same commands), before a key of the screen gives way.
        best: tuple[list[tuple[Binding, bool, bool]], tuple[Binding, bool] | None, str] | None = None
        for with_palette, gap in [(p, g) for p in (palette, None) for g in (GAP, TIGHT_GAP)]:
            fitted = self._fit(shown, width - 1 - (palette_width if with_palette else 0), gap)
            if best is None or len(fitted) > len(best[0]):
                best = fitted, with_palette, gap
        shown, palette, gap = best  # type: ignore[misc]
        parts: list[tuple[str, Style]] = [(" ", Style())]
        spots: list[tuple[int, int, Binding, bool]] = []
        at = 1

        def add(binding: Binding, enabled: bool, x: int) -> int:
            key, description = self._label(binding)
            extra = Style() if enabled else dim
            parts.append((key, key_style + extra))
            parts.append((description, text_style + extra))
            end = x + cell_len(key + description)
            spots.append((x, end, binding, enabled))
            return end

        for binding, enabled, _app in shown:
            at = add(binding, enabled, at) + len(gap)
            parts.append((gap, Style()))
        if palette is not None:
            start = max(at, width - palette_width)
            parts.append((" " * (start - at), Style()))
            add(*palette, start)
        self._spots = spots
        return Content.assemble(*parts)

    def binding_at(self, x: int) -> tuple[Binding, bool] | None:
        for start, end, binding, enabled in self._spots:
            if start <= x < end:
                return binding, enabled
        return None

    def on_click(self, event: events.Click) -> None:
        hit = self.binding_at(event.x)
        if hit is None:
            return
        binding, enabled = hit
        if enabled:
            self.app.simulate_key(binding.key)
        else:
            self.app.bell()


def _signature(shown: list[tuple[Binding, bool, bool]], palette: tuple[Binding, bool] | None) -> tuple[object, ...]:
    """What the bar shows, to tell whether a bindings update changes it."""
    return tuple((b.key, b.description, on) for b, on, _app in shown), palette and palette[1]


def _is_letter(key: str) -> bool:
    return len(key) == 1 and key.isalpha()
