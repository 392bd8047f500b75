// One committee: who sits in it and in which role, its rhythm and fixed items, its leader channel (linked through the
// channel picker by those who may change the committee), its meetings (preparers plan new ones) and the proposals
// waiting for the agenda setter (anyone who reads the committee may propose one).
import { Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Select, TableCell, TableRow, Text, Textarea } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { CommitteeMemberRole } from '../../../../src/domain/index.js';
import type { AgendaItemView, ChannelView, CommitteeApiError, CommitteeDetail, CommitteePatchBody, MeetingDetail, MeetingFrequency, PersonRef } from '../../../../src/server/api/contract.js';
import { ApiRequestError } from '../../api/client';
import { asApiError, useLoad } from '../../api/use-load';
import { DataTable } from '../../components/data-table';
import { ErrorMessage, Notice } from '../../components/error-message';
import { PendingPage } from '../../components/load-state';
import { PersonPicker } from '../../components/person-picker';
import { PageHeading, usePageStyles } from '../../components/page';
import { PageSection } from '../../components/page-section';
import { useBusyAction } from '../../components/use-busy-action';
import { submitWith } from '../../components/submit-with';
import { osloToday } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { AppLink, useRouter } from '../../router';
import { useApi } from '../../session/session';
import { Facts } from '../case/case-report';
import { osloInstant } from './agenda-model';
import { committeeApi } from './committee-api';
import { committeesHref, meetingHref } from './committee-routes';
import { useChannelText } from './committees-list-page';
import { MeetingStatusBadge, useMeetingWhen } from './meeting-parts';

export function CommitteePage({ id }: { id: string }) {
  const page = usePageStyles();
  const api = useApi();
  const { t } = useI18n();
  const when = useMeetingWhen();
  const channelText = useChannelText();
  const load = useCallback((signal: AbortSignal) => api.get<CommitteeDetail>(committeeApi.committee(id), signal), [api, id]);
  const committee = useLoad(load, `committee:${id}`, t('error.unexpected'));
  const c = committee.data;

  if (!c) return <PendingPage title={t('cmt.list.title')} loaded={committee} />;
  return (
    <>
      <AppLink href={committeesHref}>{t('cmt.list.title')}</AppLink>
      <PageHeading title={c.name}>{c.name}</PageHeading>
      <section className={page.section} aria-label={c.name}>
        <Facts
          testId="committee-facts"
          rows={[
            [t('cmt.committee.kind'), t(`cmt.committeeKind.${c.kind}`)],
            [t('cmt.committee.unit'), c.unitName],
            [t('cmt.committee.leader'), c.leader.name],
            [t('cmt.committee.facilitator'), c.facilitator?.name],
            [t('cmt.committee.rhythm'), c.rhythm ? [t('cmt.committee.rhythmValue', { frequency: t(`cmt.frequency.${c.rhythm.frequency}`), minutes: c.rhythm.durationMinutes }), c.rhythm.note].filter(Boolean).join('. ') : null],
            [t('cmt.committee.standing'), c.standingItems.map((s) => t(`cmt.standing.${s}`)).join(' · ')],
          ]}
        />
      </section>

      {c.canEdit && <RhythmForm committee={c} onSaved={committee.set} onReload={committee.reload} />}

      <ChannelSection committee={c} text={channelText(c.channel)} onSaved={committee.set} onReload={committee.reload} />

      <PageSection id="cmt-meetings" title={t('cmt.committee.meetings')}>
        {c.canPrepare && <PlanMeetingForm committee={c} />}
        {c.meetings.length === 0 ? (
          <Text>{t('cmt.committee.noMeetings')}</Text>
        ) : (
          <DataTable label={t('cmt.committee.meetings')} testId="meetings-table" columns={[t('cmt.meeting.title'), t('cmt.meeting.date'), t('cmt.conflict.status'), t('cmt.conflict.items')]}>
            {c.meetings.map((m) => (
              <TableRow key={m.id} data-testid="meeting-row">
                <TableCell>
                  <AppLink href={meetingHref(m.id)} data-testid="meeting-link">
                    {m.title}
                  </AppLink>
                </TableCell>
                <TableCell>{when(m)}</TableCell>
                <TableCell>
                  <MeetingStatusBadge status={m.status} />
                </TableCell>
                <TableCell>{t('cmt.meeting.items', { n: m.itemCount })}</TableCell>
              </TableRow>
            ))}
          </DataTable>
        )}
      </PageSection>

      <PageSection id="cmt-members" title={t('cmt.committee.members')}>
        <ul data-testid="committee-members">
          {c.members.map((m) => (
            <li key={`${m.person.id}:${m.role}`}>
              {m.person.name} – {t(`cmt.role.${m.role}`)}
            </li>
          ))}
        </ul>
        {c.canEdit && <MembersForm committee={c} onSaved={committee.set} onReload={committee.reload} />}
      </PageSection>

      <ProposalsSection committee={c} onSent={committee.reload} />
    </>
  );
}

/** PATCH /api/committees/:id with the etag read; 409 keeps the committee as it is now for the notice, nothing saved. */
function useCommitteePatch(committee: CommitteeDetail, onSaved: (c: CommitteeDetail) => void) {
  const api = useApi();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const [conflict, setConflict] = useState<CommitteeDetail | null>(null);
  const patch = async (body: Omit<CommitteePatchBody, 'etag'>) => {
    setBusy(true);
    setError(null);
    setConflict(null);
    setSaved(false);
    try {
      onSaved(await api.patch<CommitteeDetail>(committeeApi.committee(committee.id), { etag: committee.etag, ...body }));
      setSaved(true);
    } catch (err) {
      const e = asApiError(err, t('error.unexpected'));
      if (e.status === 409 && e.code === 'conflict') setConflict((e.body as CommitteeApiError['error']).currentCommittee ?? null);
      else setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, saved, error, conflict, patch };
}

function PatchMessages({ state, saved, onReload }: { state: ReturnType<typeof useCommitteePatch>; saved: string; onReload(): void }) {
  const page = usePageStyles();
  const { t } = useI18n();
  const channelText = useChannelText();
  const when = useMeetingWhen();
  const c = state.conflict;
  return (
    <>
      {state.saved && <Notice intent="success">{saved}</Notice>}
      {state.error && <ErrorMessage error={state.error} />}
      {c && (
        <MessageBar intent="warning" role="alert" layout="multiline" data-testid="committee-conflict">
          <MessageBarBody>
            <MessageBarTitle>{t('cmt.conflict.title')}</MessageBarTitle>
            <p className={page.muted}>{t('cmt.conflict.body')}</p>
            <Facts
              rows={[
                [t('cmt.conflict.channel'), channelText(c.channel)],
                [t('cmt.committee.rhythm'), c.rhythm ? t('cmt.committee.rhythmValue', { frequency: t(`cmt.frequency.${c.rhythm.frequency}`), minutes: c.rhythm.durationMinutes }) : null],
                [t('cmt.committee.facilitator'), c.facilitator?.name],
                [t('cmt.col.nextMeeting'), c.nextMeeting ? when(c.nextMeeting) : null],
              ]}
            />
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" onClick={onReload}>
              {t('cmt.conflict.reload')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
    </>
  );
}

function ChannelSection({ committee, text, onSaved, onReload }: { committee: CommitteeDetail; text: string; onSaved(c: CommitteeDetail): void; onReload(): void }) {
  const page = usePageStyles();
  const api = useApi();
  const { t } = useI18n();
  const [channels, setChannels] = useState<ChannelView[] | null>(null);
  const [picked, setPicked] = useState<string>(committee.channel.channelId ?? '');
  const state = useCommitteePatch(committee, onSaved);

  useEffect(() => {
    if (!committee.canEdit) return;
    const controller = new AbortController();
    // The picker's list is for advisers and committee leaders (403 for others, who then just read the state).
    api.get<ChannelView[]>(committeeApi.channels, controller.signal).then(setChannels, () => setChannels(null));
    return () => controller.abort();
  }, [api, committee.canEdit]);

  return (
    <PageSection id="cmt-channel" title={t('cmt.committee.channel')}>
      <Text data-testid="committee-channel-state" data-linked={String(committee.channel.linked)} data-reachable={String(committee.channel.reachable)}>
        {text}
      </Text>
      {committee.channel.linked && !committee.channel.reachable && <Notice intent="warning">{t('cmt.committee.channelUnreachable')}</Notice>}
      {committee.canEdit && channels && (
        <div className={page.form}>
          <Text className={page.muted}>{t('cmt.committee.channelIntro')}</Text>
          {channels.length === 0 ? (
            <Text>{t('cmt.committee.noChannels')}</Text>
          ) : (
            <div className={page.row}>
              <Field label={t('cmt.committee.pickChannel')}>
                <Select value={picked} onChange={(_, d) => setPicked(d.value)} data-testid="channel-select">
                  <option value="">{t('cmt.committee.noChannelChoice')}</option>
                  {channels.map((ch) => (
                    <option key={ch.channelId} value={ch.channelId}>
                      {[ch.teamName, ch.channelName ?? t('cmt.channel.unnamed')].filter(Boolean).join(' › ')}
                    </option>
                  ))}
                </Select>
              </Field>
              <Button appearance="primary" disabled={state.busy || picked === (committee.channel.channelId ?? '')} onClick={() => void state.patch({ channelId: picked || null })} data-testid="channel-save">
                {t('cmt.committee.saveChannel')}
              </Button>
            </div>
          )}
          <PatchMessages state={state} saved={t('cmt.committee.channelSaved')} onReload={onReload} />
        </div>
      )}
    </PageSection>
  );
}

const FREQUENCIES: readonly MeetingFrequency[] = ['weekly', 'biweekly', 'monthly', 'quarterly', 'threePerYear', 'asNeeded', 'inOperationsMeeting'];

function RhythmForm({ committee, onSaved, onReload }: { committee: CommitteeDetail; onSaved(c: CommitteeDetail): void; onReload(): void }) {
  const page = usePageStyles();
  const { t } = useI18n();
  const [frequency, setFrequency] = useState<MeetingFrequency>(committee.rhythm?.frequency ?? 'monthly');
  const [duration, setDuration] = useState(String(committee.rhythm?.durationMinutes ?? 120));
  const [note, setNote] = useState(committee.rhythm?.note ?? '');
  const [tried, setTried] = useState(false);
  const state = useCommitteePatch(committee, onSaved);
  const minutes = Number(duration);
  const durationOk = /^\d{1,3}$/.test(duration.trim()) && minutes >= 15 && minutes <= 600;
  return (
    <form
      className={page.form}
      aria-labelledby="cmt-rhythm"
      data-testid="rhythm-form"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (durationOk) void state.patch({ rhythm: { frequency, durationMinutes: minutes, note: note.trim() || null } });
      }}
    >
      <h3 id="cmt-rhythm" className={page.h3}>
        {t('cmt.committee.rhythm')}
      </h3>
      <div className={page.row}>
        <Field label={t('cmt.committee.frequency')}>
          <Select value={frequency} onChange={(_, d) => setFrequency(d.value as MeetingFrequency)} data-testid="rhythm-frequency">
            {FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {t(`cmt.frequency.${f}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('cmt.committee.duration')} validationMessage={tried && !durationOk ? t('cmt.committee.durationBad') : undefined}>
          <Input type="number" min={15} max={600} value={duration} onChange={(_, d) => setDuration(d.value)} data-testid="rhythm-duration" />
        </Field>
        <Field label={t('cmt.committee.note')}>
          <Input value={note} maxLength={200} onChange={(_, d) => setNote(d.value)} data-testid="rhythm-note" />
        </Field>
        <Button type="submit" disabled={state.busy} data-testid="rhythm-save">
          {t('common.save')}
        </Button>
      </div>
      <PatchMessages state={state} saved={t('common.saved')} onReload={onReload} />
    </form>
  );
}

/** The roles set here; the leader (the unit's) and the facilitator (picked on its own) the server keeps in place. */
const MEMBER_ROLES: readonly CommitteeMemberRole[] = ['member', 'unionRepresentative', 'safetyRepresentative', 'userRepresentative', 'patientSafetyRepresentative', 'chiefMunicipalPhysician'];

/** The members this form sets: everyone but the leader and the facilitator. */
const editableMembers = (c: CommitteeDetail): DraftMember[] => c.members.filter((m) => m.role !== 'leader' && m.role !== 'facilitator');

interface DraftMember {
  person: PersonRef;
  role: CommitteeMemberRole;
}

/** Members, their roles and the facilitator, changed together and saved as the whole list (PATCH members, facilitatorId). */
function MembersForm({ committee, onSaved, onReload }: { committee: CommitteeDetail; onSaved(c: CommitteeDetail): void; onReload(): void }) {
  const page = usePageStyles();
  const { t } = useI18n();
  const [members, setMembers] = useState<DraftMember[]>(() => editableMembers(committee));
  const [facilitator, setFacilitator] = useState<PersonRef | null>(committee.facilitator);
  const [adding, setAdding] = useState<PersonRef | null>(null);
  const [addingRole, setAddingRole] = useState<CommitteeMemberRole>('member');
  const [addProblem, setAddProblem] = useState<string | undefined>(undefined);
  const state = useCommitteePatch(committee, onSaved);
  // The draft starts from the committee as read, and again from each version saved or reloaded.
  useEffect(() => {
    setMembers(editableMembers(committee));
    setFacilitator(committee.facilitator);
  }, [committee]);

  const add = () => {
    if (!adding) return setAddProblem(t('cmt.members.pickPerson'));
    if (members.some((m) => m.person.id === adding.id && m.role === addingRole)) return setAddProblem(t('cmt.members.duplicate'));
    setMembers([...members, { person: adding, role: addingRole }]);
    setAdding(null);
    setAddProblem(undefined);
  };
  const roleOptions = MEMBER_ROLES.map((r) => (
    <option key={r} value={r}>
      {t(`cmt.role.${r}`)}
    </option>
  ));

  return (
    <form
      className={page.form}
      aria-labelledby="cmt-members-edit"
      data-testid="members-form"
      onSubmit={submitWith(() => state.patch({ members: members.map((m) => ({ personId: m.person.id, role: m.role })), facilitatorId: facilitator?.id ?? null }))}
    >
      <h3 id="cmt-members-edit" className={page.h3}>
        {t('cmt.members.edit')}
      </h3>
      <Text className={page.muted}>{t('cmt.members.intro', { leader: committee.leader.name })}</Text>
      <PersonPicker label={t('cmt.committee.facilitator')} value={facilitator} onChange={setFacilitator} testId="members-facilitator" />
      {members.length > 0 && (
        <DataTable label={t('cmt.committee.members')} testId="members-edit-table" columns={[t('cmt.members.person'), t('cmt.members.role'), '']}>
          {members.map((m, i) => (
            <TableRow key={`${m.person.id}:${i}`} data-testid="members-edit-row">
              <TableCell>{m.person.name}</TableCell>
              <TableCell>
                <Select
                  aria-label={t('cmt.members.roleOf', { name: m.person.name })}
                  value={m.role}
                  onChange={(_, d) => setMembers(members.map((x, j) => (j === i ? { ...x, role: d.value as CommitteeMemberRole } : x)))}
                  data-testid="members-role"
                >
                  {roleOptions}
                </Select>
              </TableCell>
              <TableCell>
                <Button appearance="subtle" onClick={() => setMembers(members.filter((_, j) => j !== i))} data-testid="members-remove">
                  {t('cmt.members.remove', { name: m.person.name })}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </DataTable>
      )}
      <div className={page.row}>
        <PersonPicker label={t('cmt.members.add')} value={adding} onChange={setAdding} testId="members-add-person" validationMessage={addProblem} />
        <Field label={t('cmt.members.role')}>
          <Select value={addingRole} onChange={(_, d) => setAddingRole(d.value as CommitteeMemberRole)} data-testid="members-add-role">
            {roleOptions}
          </Select>
        </Field>
        <Button onClick={add} data-testid="members-add">
          {t('cmt.members.addButton')}
        </Button>
      </div>
      <div>
        <Button type="submit" appearance="primary" disabled={state.busy} data-testid="members-save">
          {t('cmt.members.save')}
        </Button>
      </div>
      <PatchMessages state={state} saved={t('cmt.members.saved')} onReload={onReload} />
    </form>
  );
}

function PlanMeetingForm({ committee }: { committee: CommitteeDetail }) {
  const page = usePageStyles();
  const api = useApi();
  const { t } = useI18n();
  const { navigate } = useRouter();
  const [date, setDate] = useState('');
  const [time, setTime] = useState('09:00');
  const [title, setTitle] = useState('');
  const [location, setLocation] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useBusyAction();
  const startsAt = osloInstant(date, time);

  const create = async () => {
    setTried(true);
    if (!startsAt) return;
    await run(async () => {
      const m = await api.post<MeetingDetail>(committeeApi.meetings(committee.id), { startsAt, ...(title.trim() ? { title: title.trim() } : {}), ...(location.trim() ? { location: location.trim() } : {}) });
      navigate(meetingHref(m.id));
    });
  };

  return (
    <form className={page.card} aria-labelledby="cmt-plan" data-testid="plan-meeting" onSubmit={submitWith(create)}>
      <h3 id="cmt-plan" className={page.h3}>
        {t('cmt.meeting.plan')}
      </h3>
      <div className={page.row}>
        <Field label={t('cmt.meeting.date')} required validationMessage={tried && !startsAt ? t('cmt.meeting.badStart') : undefined}>
          <Input type="date" min={osloToday()} value={date} onChange={(_, d) => setDate(d.value)} data-testid="plan-date" />
        </Field>
        <Field label={t('cmt.meeting.time')} required>
          <Input type="time" value={time} onChange={(_, d) => setTime(d.value)} data-testid="plan-time" />
        </Field>
        <Field label={t('cmt.meeting.title')} hint={t('cmt.meeting.titleHint')}>
          <Input value={title} maxLength={255} onChange={(_, d) => setTitle(d.value)} data-testid="plan-title" />
        </Field>
        <Field label={t('cmt.meeting.location')}>
          <Input value={location} maxLength={255} onChange={(_, d) => setLocation(d.value)} data-testid="plan-location" />
        </Field>
        <Button type="submit" appearance="primary" disabled={busy} data-testid="plan-create">
          {t('cmt.meeting.create')}
        </Button>
      </div>
      {error && <ErrorMessage error={error} />}
    </form>
  );
}

function ProposalsSection({ committee, onSent }: { committee: CommitteeDetail; onSent(): void }) {
  const page = usePageStyles();
  const api = useApi();
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [tried, setTried] = useState(false);
  const [sent, setSent] = useState(false);
  const { busy, error, run } = useBusyAction();

  const send = async () => {
    setTried(true);
    setSent(false);
    if (!title.trim()) return;
    if (await run(() => api.post<AgendaItemView>(committeeApi.proposals(committee.id), { title: title.trim(), description }))) {
      setTitle('');
      setDescription('');
      setTried(false);
      setSent(true);
      onSent();
    }
  };

  return (
    <PageSection id="cmt-proposals" title={t('cmt.committee.proposals')}>
      {committee.pendingProposals.length === 0 ? (
        <Text>{t('cmt.committee.noProposals')}</Text>
      ) : (
        <ul data-testid="committee-proposals">
          {committee.pendingProposals.map((p) => (
            <li key={p.id}>
              {p.title}
              {p.escalatedFrom && ` (${t('cmt.committee.escalatedFrom', { name: p.escalatedFrom.committeeName })})`}
            </li>
          ))}
        </ul>
      )}
      <form className={page.form} aria-labelledby="cmt-propose" onSubmit={submitWith(send)}>
        <h3 id="cmt-propose" className={page.h3}>
          {t('cmt.proposal.title')}
        </h3>
        <Text className={page.muted}>{t('cmt.proposal.intro')}</Text>
        <Field label={t('cmt.item.titleField')} required validationMessage={tried && !title.trim() ? t('cmt.item.titleMissing') : undefined}>
          <Input value={title} maxLength={255} onChange={(_, d) => setTitle(d.value)} data-testid="proposal-title" />
        </Field>
        <Field label={t('cmt.item.description')}>
          <Textarea value={description} maxLength={4000} onChange={(_, d) => setDescription(d.value)} data-testid="proposal-description" />
        </Field>
        <div>
          <Button type="submit" disabled={busy} data-testid="proposal-send">
            {t('cmt.proposal.send')}
          </Button>
        </div>
        {sent && <Notice intent="success">{t('cmt.proposal.sent')}</Notice>}
        {error && <ErrorMessage error={error} />}
      </form>
    </PageSection>
  );
}
