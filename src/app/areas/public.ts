/** Issue 20 (open books): the public pages, their poster, public photos, and the treasurer's photo decisions. */
import { todayWib } from '../../domain/calendar';
import { shortCheckpoint } from '../../domain/ledger/checkpoint';
import { posterPdf } from '../../reports/public-poster';
import type { PublicGranteeModel, PublicRwModel } from '../../reports/shapes/public';
import { isPublicPhoto, photoIsKept, publicPhoto, readPhotoPublicity, setPhotoPublicity } from '../public-photos';
import { publicDataVersion, publicPath, readPublicCity, readPublicKecamatan, readPublicKelurahan, readPublicRt, readPublicRw } from '../read-public';
import type { Services } from '../services';
import { bindTo } from './bind';

/** The poster of a grantee's page (an RT, or an RW with its own grant); null for an RW without one. */
function poster(s: Services, model: PublicGranteeModel | PublicRwModel, url: string): Promise<Buffer> | null {
  if (!model.books) return null;
  return posterPdf({
    name: model.name,
    kelurahanName: model.place.kelurahanName,
    kecamatanName: model.place.kecamatanName,
    year: model.year.year,
    url,
    books: model.books,
    asOf: todayWib(s.now()),
    checkpointShort: model.checkpoint ? shortCheckpoint(model.checkpoint) : null,
  });
}

export function publicArea(s: Services) {
  return {
    ...bindTo(s, { readPublicCity, readPublicKecamatan, readPublicKelurahan, readPublicRt, readPublicRw, readPhotoPublicity, setPhotoPublicity, publicPhoto, isPublicPhoto, photoIsKept }),
    /** Changes whenever anything a public page shows may have changed (and at midnight WIB). */
    version: () => publicDataVersion(s),
    poster: (model: PublicGranteeModel | PublicRwModel, url: string) => poster(s, model, url),
    path: publicPath,
  };
}
