#!/usr/bin/python3
# A real SMTP server for the send-notification tests (Debian's aiosmtpd; run
# it with /usr/bin/python3). Listens on 127.0.0.1 on a free port chosen by
# the kernel and writes that port to --port-file once it accepts
# connections. Stops by itself after --lifetime seconds.
#
# Every accepted message is stored in --maildir as NNN.eml (the bytes
# received) and NNN.json (envelope sender, envelope recipients, client
# connection). Recipients steer the server, by local part:
#   refuse-*  RCPT answered 550        later-*  RCPT answered 451
#   defer-*   end of DATA answered 451 (message not taken)
#   drop-*    connection closed instead of answering the end of DATA
import argparse
import asyncio
import json
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Mailbox:
    def __init__(self, maildir):
        self.maildir = maildir
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split('@', 1)[0].lower()
        if local.startswith('refuse-'):
            return '550 5.1.1 no such mailbox here'
        if local.startswith('later-'):
            return '451 4.3.0 try again later'
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        if any(a.split('@', 1)[0].lower().startswith('drop-') for a in envelope.rcpt_tos):
            server.transport.close()  # no reply: the client must not count it as sent
            return '421 closing'
        if any(a.split('@', 1)[0].lower().startswith('defer-') for a in envelope.rcpt_tos):
            return '451 4.3.0 queue full, message not taken'
        self.count += 1
        base = os.path.join(self.maildir, '%03d' % self.count)
        with open(base + '.eml.tmp', 'wb') as f:
            f.write(envelope.original_content)
        with open(base + '.json', 'w') as f:
            json.dump({'mail_from': envelope.mail_from,
                       'rcpt_tos': envelope.rcpt_tos,
                       'peer': list(session.peer)[:2],
                       'tls': server.transport.get_extra_info('ssl_object') is not None,
                       'auth': session.authenticated}, f)
        os.rename(base + '.eml.tmp', base + '.eml')
        return '250 2.0.0 accepted'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--port-file', required=True)
    parser.add_argument('--maildir', required=True)
    parser.add_argument('--tls', choices=['starttls', 'implicit', 'none'], default='starttls')
    parser.add_argument('--cert')
    parser.add_argument('--key')
    parser.add_argument('--user')
    parser.add_argument('--password')
    parser.add_argument('--lifetime', type=float, default=60)
    args = parser.parse_args()

    context = None
    if args.tls != 'none':
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)

    def authenticate(server, session, envelope, mechanism, data):
        ok = (isinstance(data, LoginPassword) and data.login.decode() == args.user
              and data.password.decode() == args.password)
        return AuthResult(success=ok, handled=False)  # handled=True would leave the reply to us

    mailbox = Mailbox(args.maildir)

    def factory():
        options = dict(hostname='smtp.test', ident='smime test server')
        if args.user:
            # aiosmtpd only knows STARTTLS as TLS; implicit TLS is TLS too.
            options.update(auth_required=True, authenticator=authenticate,
                           auth_require_tls=args.tls == 'starttls')
        if args.tls == 'starttls':
            options.update(tls_context=context, require_starttls=True)
        return SMTP(mailbox, **options)

    async def serve():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(factory, '127.0.0.1', 0,
                                          ssl=context if args.tls == 'implicit' else None)
        port = server.sockets[0].getsockname()[1]
        with open(args.port_file + '.tmp', 'w') as f:
            f.write('%d\n' % port)
        os.rename(args.port_file + '.tmp', args.port_file)
        try:
            await asyncio.sleep(args.lifetime)
        finally:
            server.close()

    asyncio.run(serve())
    return 0


if __name__ == '__main__':
    sys.exit(main())
