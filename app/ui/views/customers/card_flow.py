"""Opening a customer's card and acting on it: contact edits and promo codes via the outbox."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain.customers import ContactChanges, Customer, CustomerCard
from app.domain.promotions import PromoCodeRequest
from app.services.context import AppContext
from app.services.customer_actions import ActionRefused, CustomerActions
from app.services.customers import CustomerLookup
from app.services.outbox import OutboxEntry, OutboxState, OutboxStateError
from app.services.runtime import Runtime
from app.ui.async_slot import async_slot
from app.ui.views.customers.contact_dialog import ContactDialog
from app.ui.views.customers.promo_dialog import PromoDialog
from app.ui.views.customers.rules import SECTION, rules_from
from app.vendors.errors import VendorError
from app.vendors.posiflora.outbox import CUSTOMER_UPDATE

if TYPE_CHECKING:
    from app.ui.views.customers.view import CustomersView


def pending_text(entries: list[OutboxEntry]) -> list[str]:
    """The contact fields still on their way, and any that failed, in words."""
    fields: dict[str, None] = {}
    for entry in entries:
        fields.update(dict.fromkeys(entry.payload.get("changes") or {}))
    failed = [e for e in entries if e.state is OutboxState.FAILED]
    if failed:
        return [f"{', '.join(fields)} (failed: see Outbox)"]
    return list(fields)


class CardFlow(QObject):
    """Shows the chosen customer; newer choices win over slower older ones."""

    card_shown = Signal(str)  # customer id, once the card from Posiflora (or cache) is shown

    def __init__(
        self,
        view: CustomersView,
        context: AppContext,
        runtime: Runtime | None,
        lookup: CustomerLookup | None,
        actions: CustomerActions | None,
    ) -> None:
        super().__init__(view)
        self.view, self.context, self.runtime = view, context, runtime
        self.lookup, self.actions = lookup, actions
        self.current_id: str | None = None
        self._generation = 0
        self._sent = False
        self.contact_dialog: ContactDialog | None = None
        self.promo_dialog: PromoDialog | None = None
        self._reload = QTimer(self, singleShot=True, interval=150)
        self._reload.timeout.connect(self.reload)
        view.card.edit_button.clicked.connect(self.edit_contact)
        view.card.promo_button.clicked.connect(self.open_promo)
        view.card.set_vroom(actions.promo_available if actions else False)
        if runtime is not None and actions is not None:
            runtime.outbox.on_change(self._outbox_changed)

    @property
    def customer(self) -> Customer | None:
        card = self.view.card.card
        return card.customer if card is not None else None

    @async_slot(object)
    async def open_later(self, customer: Customer) -> None:
        await self.open(customer)

    async def open(self, customer: Customer) -> None:
        """The cached record at once, then the full card (groups, history) from Posiflora."""
        if self.lookup is None:
            return
        self._generation += 1
        generation, self.current_id = self._generation, customer.id
        view = self.view
        view.card.show_card(CustomerCard(customer), loading=True)
        view.card.show_pending([])
        view.show_card_page()
        view.select_customer(customer)
        view.calculator.setEnabled(False)
        try:
            card = await self.lookup.customer_card(customer.id)
        except VendorError as exc:
            if generation == self._generation:
                self.context.messages.warning(exc.message, vendor="posiflora")
                view.card.show_card(CustomerCard(customer, history_complete=False))
            return
        if generation != self._generation:
            return
        view.card.show_card(card)
        view.calculator.set_rules(rules_from(self.context.config.section(SECTION))[0])
        view.calculator.set_customer(card.bonus_group, card.customer.current_points)
        view.calculator.setEnabled(True)
        await self.refresh_pending()
        await self.refresh_online(card.customer, generation)
        self.card_shown.emit(customer.id)

    async def refresh_pending(self) -> None:
        if self.actions is None or self.current_id is None:
            return
        entries = await self.actions.pending_contact_changes(self.current_id)
        self.view.card.show_pending(pending_text(entries))

    async def refresh_online(self, customer: Customer, generation: int) -> None:
        if self.actions is None or not self.actions.promo_available:
            return
        self.view.card.online.setText("Asking Vroom…")
        online = await self.actions.has_ordered_online(customer)
        if generation == self._generation:
            self.view.card.show_online(online.ordered, online.last_order_time, online.error)

    def _outbox_changed(self, entry: OutboxEntry) -> None:
        if entry.operation != CUSTOMER_UPDATE or entry.vendor != "posiflora":
            return
        if entry.payload.get("customer_id") != self.current_id:
            return
        self._sent = self._sent or entry.state is OutboxState.SENT
        self._reload.start()

    @async_slot()
    async def reload(self) -> None:
        """After a contact edit reached Posiflora, show the record as Posiflora now has it."""
        sent, self._sent = self._sent, False
        customer = self.customer
        if sent and customer is not None and customer.id == self.current_id:
            await self.open(customer)
        else:
            await self.refresh_pending()

    # -- contact edit -----------------------------------------------------------------------

    def edit_contact(self) -> None:
        customer = self.customer
        if customer is None:
            return
        dialog = ContactDialog(customer, self.view)
        dialog.submitted.connect(self.save_contact)
        self.contact_dialog = dialog
        dialog.open()  # never exec() inside the event loop's coroutines

    @async_slot(object)
    async def save_contact(self, changes: ContactChanges) -> None:
        dialog, customer = self.contact_dialog, self.customer
        if dialog is None or customer is None or self.actions is None:
            return
        try:
            entry = await self.actions.update_contact(customer, changes)
        except (ActionRefused, OutboxStateError) as exc:
            dialog.refuse(str(exc))
            return
        dialog.finish()
        self.context.messages.info(
            f"{entry.summary}: queued, it is sent to Posiflora as soon as it answers.",
            vendor="posiflora",
        )
        await self.refresh_pending()

    # -- promo code -------------------------------------------------------------------------

    def open_promo(self) -> None:
        customer = self.customer
        if customer is None:
            return
        dialog = PromoDialog(customer, self.view)
        dialog.submitted.connect(self.issue_promo)
        self.promo_dialog = dialog
        dialog.open()

    @async_slot(object)
    async def issue_promo(self, request: PromoCodeRequest) -> None:
        dialog, customer = self.promo_dialog, self.customer
        if dialog is None or customer is None or self.actions is None:
            return
        try:
            entry = await self.actions.issue_promo_code(customer, request)
        except (ActionRefused, OutboxStateError) as exc:
            dialog.refuse(str(exc))
            return
        dialog.finish()
        self.context.messages.info(
            f"{entry.summary}: queued for Vroom. Give the code to the customer once it shows "
            "as sent in the Outbox.",
            vendor="vroom",
        )
