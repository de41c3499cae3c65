import { type Schemas, unwrap } from '@madoguchi/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { caseKeys } from '../../cases/api/use-cases';

/** A case's mail sits under the case's key: refreshing the case refreshes it. */
export const mailKeys = {
  mailboxes: () => ['mailboxes'] as const,
  messages: (caseId: string) => [...caseKeys.detail(caseId), 'messages'] as const,
  replyDraft: (caseId: string) => [...caseKeys.detail(caseId), 'reply-draft'] as const,
};

export type MailMessage = Schemas['MailMessageDto'];
export type Mailbox = Schemas['MailboxDto'];

export const useCaseMessages = (caseId: string) =>
  useQuery({
    queryKey: mailKeys.messages(caseId),
    queryFn: () =>
      unwrap(api.GET('/api/cases/{id}/messages', { params: { path: { id: caseId } } })).then(
        (r) => r.items,
      ),
    // A reply waiting for the mail server shows its fate without a reload.
    refetchInterval: (query) =>
      query.state.data?.some((m) => m.sendStatus === 'pending') ? 3000 : false,
  });

/** Downloads are plain links: the API answers with `Content-Disposition: attachment`. */
export const attachmentHref = (id: string): string => `/api/mail-attachments/${id}`;

export const useMailboxes = () =>
  useQuery({
    queryKey: mailKeys.mailboxes(),
    queryFn: () => unwrap(api.GET('/api/mailboxes')).then((r) => r.items),
  });

export const useCreateMailbox = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateMailboxDto']) => unwrap(api.POST('/api/mailboxes', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: mailKeys.mailboxes() }),
  });
};

export const useUpdateMailbox = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas['UpdateMailboxDto'] }) =>
      unwrap(api.PATCH('/api/mailboxes/{id}', { params: { path: { id } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: mailKeys.mailboxes() }),
  });
};

export type ReplyDraft = Schemas['ReplyDraftDto'];

/** What a reply starts from; only for those who may reply (case writers). */
export const useReplyDraft = (caseId: string, enabled: boolean) =>
  useQuery({
    queryKey: mailKeys.replyDraft(caseId),
    queryFn: () =>
      unwrap(api.GET('/api/cases/{id}/reply-draft', { params: { path: { id: caseId } } })),
    enabled,
  });

export const useSendReply = (caseId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateReplyDto']) =>
      unwrap(api.POST('/api/cases/{id}/replies', { params: { path: { id: caseId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: caseKeys.detail(caseId) }),
  });
};

export const useRetryReply = (caseId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) =>
      unwrap(
        api.POST('/api/cases/{id}/replies/{messageId}/retry', {
          params: { path: { id: caseId, messageId } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: mailKeys.messages(caseId) }),
  });
};
