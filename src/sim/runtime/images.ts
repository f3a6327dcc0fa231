/**
 * What is inside the catalog's images, as far as `kubectl exec` can see: the shell (busybox ash,
 * Debian dash/bash, none for distroless images), the programs on PATH, the image's ENV and
 * WORKDIR, a few files (nginx's welcome page, httpd's "It works!"), and what the main process
 * writes when it starts (MySQL's InnoDB files, WordPress copying itself into /var/www/html).
 */
import { parseImageRef } from '../images/catalog';

/** Which shell answers `sh` (its error wording differs) — `none`: the image has no shell. */
export type ShellFlavour = 'busybox' | 'dash' | 'bash' | 'none';

/** The exec-visible side of an image. */
export interface ImageFs {
  family: string;
  shell: ShellFlavour;
  /** Programs on PATH (besides shell builtins). */
  tools: Set<string>;
  /** ENV of the image, in order (PATH first). */
  env: [string, string][];
  workdir: string;
  /** Files of the image: path → content. Directories are implied, or listed in `dirs`. */
  files: Record<string, string>;
  dirs: string[];
  /** Files the main process writes at start (absolute paths; `''` content for binary files). */
  startupFiles?: Record<string, string>;
  startupDirs?: string[];
}

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const BUSYBOX_APPLETS = 'sh ash cat ls echo printenv env hostname rm rmdir mkdir touch xargs kill sleep true false wget nslookup head tail wc grep sed cut sort uniq tr date id whoami uname ps pwd cp mv ln chmod df du free top seq find basename dirname test [ expr printf yes tee stat which ping nc vi less more awk tar gzip watch uptime'.split(' ');
const COREUTILS = 'sh dash bash cat ls echo printenv env hostname rm rmdir mkdir touch xargs kill sleep true false head tail wc grep sed cut sort uniq tr date id whoami uname pwd cp mv ln chmod df du seq find basename dirname test [ expr printf yes tee stat getent which awk tar gzip'.split(' ');

const STD_DIRS = ['/bin', '/dev', '/etc', '/home', '/lib', '/proc', '/root', '/sys', '/tmp', '/usr', '/var', '/mnt', '/opt', '/run', '/sbin', '/srv'];

const PASSWD_BUSYBOX = 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n';
const PASSWD_DEBIAN = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';

/** nginx's default page (docker.io/library/nginx, /usr/share/nginx/html/index.html). */
export const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const NGINX_50X = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

/** The nginx version an image tag runs (`nginx -v`, Server header). */
export function nginxVersion(image: string): string {
  const tag = parseImageRef(image).tag ?? '';
  if (/^\d+\.\d+\.\d+$/.test(tag)) return tag;
  const minor: Record<string, string> = { '1.25': '1.25.5', '1.26': '1.26.2', '1.27': '1.27.3', '1.28': '1.28.0', '1.19': '1.19.10', '1.21': '1.21.6', '1.23': '1.23.4', '1.24': '1.24.0' };
  return minor[tag] ?? '1.27.3';
}

function bins(tools: string[], dir = '/bin'): Record<string, string> {
  return Object.fromEntries(tools.map((t) => [`${dir}/${t}`, '']));
}

function busybox(extra: Partial<ImageFs> = {}): ImageFs {
  return {
    family: 'busybox',
    shell: 'busybox',
    tools: new Set(BUSYBOX_APPLETS),
    env: [['PATH', PATH]],
    workdir: '/',
    files: { ...bins(BUSYBOX_APPLETS), '/etc/passwd': PASSWD_BUSYBOX, '/etc/group': 'root:x:0:\n', '/etc/shadow': '' },
    dirs: STD_DIRS,
    ...extra,
  };
}

function alpine(extra: string[] = [], env: [string, string][] = []): ImageFs {
  const tools = [...BUSYBOX_APPLETS, 'getent', ...extra];
  return busybox({
    family: 'alpine',
    tools: new Set(tools),
    env: [['PATH', PATH], ...env],
    files: { ...bins(tools), '/etc/alpine-release': '3.21.0\n', '/etc/os-release': 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.0\nPRETTY_NAME="Alpine Linux v3.21"\n', '/etc/passwd': PASSWD_BUSYBOX, '/etc/group': 'root:x:0:root\n' },
  });
}

function debian(family: string, extra: string[], env: [string, string][], files: Record<string, string> = {}, workdir = '/', more: Partial<ImageFs> = {}): ImageFs {
  const tools = [...COREUTILS, ...extra];
  return {
    family,
    shell: 'dash',
    tools: new Set(tools),
    env: [['PATH', PATH], ...env],
    workdir,
    files: { ...bins(tools), '/etc/passwd': PASSWD_DEBIAN, '/etc/group': 'root:x:0:\n', '/etc/debian_version': '12.8\n', '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n', ...files },
    dirs: STD_DIRS,
    ...more,
  };
}

const NONE: ImageFs = { family: 'distroless', shell: 'none', tools: new Set(), env: [['PATH', PATH]], workdir: '/', files: {}, dirs: STD_DIRS };

const MYSQL_FILES = ['/var/lib/mysql/auto.cnf', '/var/lib/mysql/ca-key.pem', '/var/lib/mysql/ca.pem', '/var/lib/mysql/client-cert.pem', '/var/lib/mysql/client-key.pem', '/var/lib/mysql/ib_buffer_pool', '/var/lib/mysql/ib_logfile0', '/var/lib/mysql/ib_logfile1', '/var/lib/mysql/ibdata1', '/var/lib/mysql/ibtmp1', '/var/lib/mysql/private_key.pem', '/var/lib/mysql/public_key.pem', '/var/lib/mysql/server-cert.pem', '/var/lib/mysql/server-key.pem'];

/** The exec-visible side of an image reference (`nginx`, `busybox:1.36`…); a distroless shape when unknown. */
export function imageFs(image: string): ImageFs {
  const repo = parseImageRef(image).repository;
  const name = repo.replace(/^.*\//, '');
  if (repo.endsWith('/busybox')) return busybox();
  if (repo === 'docker.io/library/alpine') return alpine();
  if (repo === 'docker.io/curlimages/curl') return { ...alpine(['curl'], [['CURL_VERSION', '8.11.1']]), family: 'curl', workdir: '/home/curl_user' };
  if (repo === 'docker.io/library/nginx') {
    const v = nginxVersion(image);
    return debian('nginx', ['curl', 'nginx'], [['NGINX_VERSION', v], ['NJS_VERSION', '0.8.7'], ['NJS_RELEASE', '1~bookworm'], ['PKG_RELEASE', '1~bookworm'], ['DYNPKG_RELEASE', '1~bookworm']], {
      '/usr/share/nginx/html/index.html': NGINX_INDEX,
      '/usr/share/nginx/html/50x.html': NGINX_50X,
      '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF,
      '/etc/nginx/mime.types': '',
      '/etc/nginx/nginx.conf': '\nuser  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /run/nginx.pid;\n\n\nevents {\n    worker_connections  1024;\n}\n\n\nhttp {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n\n    sendfile        on;\n    keepalive_timeout  65;\n\n    include /etc/nginx/conf.d/*.conf;\n}\n',
      '/docker-entrypoint.sh': '',
      '/var/log/nginx/access.log': '',
      '/var/log/nginx/error.log': '',
    });
  }
  if (repo === 'docker.io/library/httpd') return debian('httpd', ['httpd'], [['HTTPD_PREFIX', '/usr/local/apache2'], ['HTTPD_VERSION', '2.4.62']], { '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n' }, '/usr/local/apache2');
  if (repo === 'docker.io/library/redis') return debian('redis', ['redis-server', 'redis-cli'], [['GOSU_VERSION', '1.17'], ['REDIS_VERSION', '7.4.1']], {}, '/data', { dirs: [...STD_DIRS, '/data'] });
  if (repo === 'docker.io/library/mysql') {
    return {
      ...debian('mysql', ['mysql', 'mysqld', 'mysqladmin'], [['GOSU_VERSION', '1.17'], ['MYSQL_MAJOR', '5.7'], ['MYSQL_VERSION', '5.7.44-1.el7'], ['MYSQL_SHELL_VERSION', '8.0.35-1.el7']], { '/etc/my.cnf': '[mysqld]\nskip-host-cache\nskip-name-resolve\ndatadir=/var/lib/mysql\nsocket=/var/run/mysqld/mysqld.sock\n' }),
      shell: 'bash',
      dirs: [...STD_DIRS, '/var/lib/mysql'],
      startupFiles: Object.fromEntries(MYSQL_FILES.map((f) => [f, ''])),
      startupDirs: ['/var/lib/mysql/mysql', '/var/lib/mysql/performance_schema', '/var/lib/mysql/sys'],
    };
  }
  if (repo === 'docker.io/library/postgres') {
    return { ...debian('postgres', ['postgres', 'psql', 'pg_ctl'], [['PG_MAJOR', '17'], ['PG_VERSION', '17.2-1.pgdg120+1'], ['PGDATA', '/var/lib/postgresql/data']]), startupFiles: { '/var/lib/postgresql/data/PG_VERSION': '17\n', '/var/lib/postgresql/data/pg_hba.conf': '', '/var/lib/postgresql/data/postgresql.conf': '' }, startupDirs: ['/var/lib/postgresql/data/base', '/var/lib/postgresql/data/global'] };
  }
  if (repo === 'docker.io/library/wordpress') {
    const wp = ['index.php', 'license.txt', 'readme.html', 'wp-activate.php', 'wp-blog-header.php', 'wp-config.php', 'wp-cron.php', 'wp-load.php', 'wp-login.php', 'wp-settings.php'];
    return {
      ...debian('wordpress', ['curl', 'php', 'apache2'], [['PHPIZE_DEPS', 'autoconf dpkg-dev file g++ gcc libc-dev make pkg-config re2c'], ['PHP_INI_DIR', '/usr/local/etc/php'], ['APACHE_CONFDIR', '/etc/apache2'], ['APACHE_ENVVARS', '/etc/apache2/envvars'], ['PHP_VERSION', '7.2.34'], ['WORDPRESS_VERSION', '4.9.8']], {}, '/var/www/html'),
      shell: 'dash',
      startupFiles: Object.fromEntries(wp.map((f) => [`/var/www/html/${f}`, ''])),
      startupDirs: ['/var/www/html/wp-admin', '/var/www/html/wp-content', '/var/www/html/wp-includes'],
    };
  }
  if (repo === 'docker.io/library/ubuntu') return { ...debian('ubuntu', [], []), files: { ...debian('ubuntu', [], []).files, '/etc/os-release': 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\n' } };
  if (repo === 'docker.io/library/debian') return debian('debian', [], []);
  if (['hpa-example', 'gb-frontend'].includes(name)) return debian(name, ['php', 'apache2', 'curl'], [['PHP_VERSION', '5.6.40']], {}, '/var/www/html');
  if (name === 'agnhost') return { ...alpine(['agnhost']), family: 'agnhost' };
  if (name === 'stress') return { ...busybox(), family: 'stress', tools: new Set([...BUSYBOX_APPLETS, 'stress']) };
  return NONE;
}
