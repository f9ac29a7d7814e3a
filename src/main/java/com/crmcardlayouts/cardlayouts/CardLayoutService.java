package com.crmcardlayouts.cardlayouts;

import com.crmcardlayouts.audit.AuditEntry;
import com.crmcardlayouts.audit.AuditJournal;
import com.crmcardlayouts.settings.Settings;
import com.crmcardlayouts.settings.SettingsStore;
import com.crmcardlayouts.bitrix24.ActingUser;
import com.crmcardlayouts.bitrix24.Bitrix24Client;
import com.crmcardlayouts.bitrix24.Bitrix24Exception;
import com.crmcardlayouts.bitrix24.LayoutCall;
import com.crmcardlayouts.bitrix24.Layouts;
import com.crmcardlayouts.bitrix24.Operation;
import com.crmcardlayouts.requests.Bitrix24Failures;
import com.crmcardlayouts.requests.Caller;
import com.crmcardlayouts.requests.Refusal;
import com.crmcardlayouts.requests.Refused;
import com.crmcardlayouts.portal.Portal;
import com.crmcardlayouts.portal.PortalRegistry;
import com.crmcardlayouts.portal.TokenStore;
import com.crmcardlayouts.portal.UserCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Resets and forces card layouts as the acting user, with that user's own token, so that
 * Bitrix24's permission rules apply; the portal's settings may only narrow them. Every attempt
 * is written to the audit journal. No transaction spans the call to Bitrix24: what an action needs
 * from the database is read first ({@link #prepare}), in the caller's one short transaction.
 */
@ApplicationScoped
public class CardLayoutService {

    private static final Logger LOG = Logger.getLogger(CardLayoutService.class);

    /** An action whose state was read: either refused already, or ready to ask Bitrix24 with these credentials. */
    public record Prepared(Caller caller, LayoutRequest request, Optional<Refusal> refusal, Optional<UserCredentials> credentials) {
    }

    private final PortalRegistry portals;
    private final SettingsStore settings;
    private final TokenStore tokens;
    private final AuditJournal journal;
    private final Bitrix24Client client;
    private final MeterRegistry metrics;

    public CardLayoutService(PortalRegistry portals, SettingsStore settings, TokenStore tokens, AuditJournal journal,
                             Bitrix24Client client, MeterRegistry metrics) {
        this.portals = portals;
        this.settings = settings;
        this.tokens = tokens;
        this.journal = journal;
        this.client = client;
        this.metrics = metrics;
    }

    /** Reads what the action depends on: the portal's state, its settings and the caller's token. Writes nothing. */
    @Transactional
    public Prepared prepare(Caller caller, LayoutRequest requested) {
        LayoutRequest request = requested.forCaller(caller.userId());
        boolean installed = portals.find(caller.portalId()).map(Portal::isInstalled).orElse(false);
        if (!installed) {
            return new Prepared(caller, request, Optional.of(Refusal.NOT_INSTALLED), Optional.empty());
        }
        Optional<Refusal> narrowed = narrowedBySettings(caller, request, settings.forPortal(caller.portalId()));
        return new Prepared(caller, request, narrowed,
                narrowed.isPresent() ? Optional.empty() : tokens.find(caller.portalId(), caller.userId()));
    }

    /**
     * Carries out a prepared action with one Bitrix24 request and returns the id of its audit entry.
     *
     * @throws Refused when the portal's state or settings, or Bitrix24, refuse it (also audited)
     */
    public long perform(Prepared prepared) {
        Caller caller = prepared.caller();
        LayoutRequest request = prepared.request();
        if (prepared.refusal().isPresent()) {
            throw refuse(caller, request, prepared.refusal().get(), null);
        }
        ActingUser user = prepared.credentials().map(ActingUser::of).orElse(ActingUser.of(caller.portalId(), caller.userId()));
        Operation<Layouts.Applied> operation = operation(request);
        try {
            Layouts.Applied applied = client.call(user, operation, client.deadline());
            count(request, AuditEntry.SUCCESS);
            return journal.record(entry(caller, request, AuditEntry.SUCCESS, applied.method()));
        } catch (Bitrix24Exception e) {
            LOG.infof("Bitrix24 refused %s on portal %d for user %d: %s", operation, caller.portalId(), caller.userId(), e.getMessage());
            throw refuse(caller, request, Bitrix24Failures.refusal(e, !request.isOwnReset(caller.userId())), e);
        }
    }

    /**
     * Settings narrow what Bitrix24 would allow; they never widen it. Which cards show the tab is
     * not a right: it only decides where the tab appears.
     */
    static Optional<Refusal> narrowedBySettings(Caller caller, LayoutRequest request, Settings settings) {
        if (!settings.admits(caller)) {
            return Optional.of(Refusal.USERS_NOT_ALLOWED);
        }
        if (request.isOwnReset(caller.userId()) && !settings.letsResetOwn(caller)) {
            return Optional.of(Refusal.OWN_RESET_NOT_ALLOWED);
        }
        return Optional.empty();
    }

    private static Operation<Layouts.Applied> operation(LayoutRequest request) {
        return switch (request.action()) {
            case RESET_PERSONAL -> Layouts.reset(LayoutCall.personal(request.target(), request.targetUserId()));
            case RESET_COMMON -> Layouts.reset(LayoutCall.common(request.target()));
            case FORCE_COMMON -> Layouts.forceCommonScopeForAll(request.target());
        };
    }

    private Refused refuse(Caller caller, LayoutRequest request, Refusal refusal, Bitrix24Exception failure) {
        String detail = failure == null ? refusal.name() : refusal.name() + ": " + failure.getMessage();
        journal.record(entry(caller, request, refusal.code.name(), detail));
        count(request, refusal.code.name());
        return failure == null ? new Refused(refusal) : Bitrix24Failures.refused(refusal, failure);
    }

    /** {@code card_layout_actions_total{action, outcome}}: three actions times a handful of outcomes. */
    private void count(LayoutRequest request, String outcome) {
        metrics.counter("card_layout.actions", "action", request.action().name(), "outcome", outcome).increment();
    }

    private static AuditEntry entry(Caller caller, LayoutRequest request, String outcome, String detail) {
        AuditEntry entry = new AuditEntry();
        entry.portalId = caller.portalId();
        entry.actorUserId = caller.userId();
        entry.action = request.action().name();
        entry.entityTypeId = request.target().entityType().id();
        entry.categoryId = request.target().categoryId();
        entry.leadCustomerType = request.target().leadCustomerType();
        entry.scope = switch (request.action()) {
            case RESET_PERSONAL -> "P";
            case RESET_COMMON -> "C";
            case FORCE_COMMON -> null;
        };
        entry.targetUserId = request.targetUserId();
        entry.outcome = outcome;
        entry.detail = detail;
        return entry;
    }
}
