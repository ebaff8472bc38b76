/** Where the admin router is mounted; every link of the pages starts here. */
export const ADMIN_PATH = '/admin';

/** An admin page's path, e.g. `adminPath('/documents')`. */
export function adminPath(path: string): string {
  return `${ADMIN_PATH}${path}`;
}

/** The admin page of one document; `id` is our document id, as the reports link it. */
export function documentPath(kind: string, id: number): string {
  return adminPath(`/documents/${encodeURIComponent(kind)}/${id}`);
}

/** The ATOL request log filtered to one document. */
export function documentRequestsPath(id: number): string {
  return adminPath(`/atol-requests?documentId=${id}`);
}
